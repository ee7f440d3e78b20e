package dev.imagebaker.azureimage.maven;

/** The {@code <timeouts>} element: ISO-8601 (PT30M) or short (30m, 90s, 2h) durations. */
public class TimeoutParameters {
    /** Limit for one provisioning script. Default PT30M. */
    String script;
    /** Limit for the guest to shut down after deprovision or sysprep. Default PT15M. */
    String deprovision;
    /** Limit for any one Azure operation (VM creation, capture, group deletion). Default PT60M. */
    String operation;
    /** Limit for replication to the target regions when publishing. Default PT3H. */
    String replication;
}

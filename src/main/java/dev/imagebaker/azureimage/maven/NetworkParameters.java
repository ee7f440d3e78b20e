package dev.imagebaker.azureimage.maven;

/** The {@code <network>} element: where the build and test VMs are placed. */
public class NetworkParameters {
    /** An existing subnet's id; nothing network-wise is created then. */
    String subnetId;
    /** nat (default), none; with subnetId: checked (default) or assumed. */
    String outbound;
}

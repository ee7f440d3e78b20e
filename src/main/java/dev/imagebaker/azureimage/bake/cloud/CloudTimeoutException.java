package dev.imagebaker.azureimage.bake.cloud;

import java.time.Duration;

/** An Azure operation or a wait did not finish within its bound. */
public final class CloudTimeoutException extends CloudException {
    private final Duration limit;

    public CloudTimeoutException(String what, Duration limit) {
        super("Timeout", 0, what + " did not finish within " + dev.imagebaker.azureimage.config.Durations.format(limit));
        this.limit = limit;
    }

    public Duration limit() {
        return limit;
    }
}

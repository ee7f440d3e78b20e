package dev.imagebaker.azureimage.azure;

import java.time.Duration;

/**
 * When to look at a long-running operation again. The SDK waits a fixed 30 s before every poll unless Azure sends
 * Retry-After; we look first when the operation typically ends, then back off from a quarter of that, between 2 s
 * (far below Azure Compute's read limits, see "Troubleshooting API throttling errors") and 20 s. Retry-After, when
 * Azure sends it, always wins.
 */
final class PollSchedule {
    static final Duration FLOOR = Duration.ofSeconds(2);
    static final Duration CEILING = Duration.ofSeconds(20);

    /** Typical durations on Azure, each an operation's usual end rather than its worst case. */
    static final Duration QUICK = Duration.ofSeconds(3);
    static final Duration NETWORK = Duration.ofSeconds(5);
    static final Duration GALLERY = Duration.ofSeconds(10);
    static final Duration SNAPSHOT = Duration.ofSeconds(10);
    static final Duration STORAGE = Duration.ofSeconds(20);
    static final Duration POWER = Duration.ofSeconds(30);
    static final Duration VM = Duration.ofSeconds(60);
    static final Duration GROUP_DELETE = Duration.ofSeconds(90);
    static final Duration REPLICATION = Duration.ofMinutes(5);

    /** A script shows as ended in its run command's instance view some 15 s after it ends, even a one-liner. */
    static final Duration SCRIPT = Duration.ofSeconds(15);

    private final Duration typical;
    private final Duration ceiling;
    private Duration next;

    PollSchedule(Duration typical) {
        this(typical, CEILING);
    }

    /** ceiling: the longest wait between two polls once backed off. */
    PollSchedule(Duration typical, Duration ceiling) {
        this.typical = typical;
        this.ceiling = ceiling;
    }

    /** The wait before the next poll, in Azure's time (the emulator's time scale shortens it). */
    Duration next() {
        Duration wait;
        if (next == null) {
            wait = clamp(typical, FLOOR, REPLICATION);
            next = clamp(typical.dividedBy(4), FLOOR, ceiling);
        } else {
            wait = next;
            next = clamp(next.multipliedBy(3).dividedBy(2), FLOOR, ceiling);
        }
        return wait;
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }
}

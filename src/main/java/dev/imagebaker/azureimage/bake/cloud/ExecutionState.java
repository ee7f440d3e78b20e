package dev.imagebaker.azureimage.bake.cloud;

import java.util.Locale;

/** A run command's executionState (Azure: Unknown, Pending, Running, Failed, Succeeded, TimedOut, Canceled). */
public enum ExecutionState {
    UNKNOWN, PENDING, RUNNING, FAILED, SUCCEEDED, TIMED_OUT, CANCELED;

    public static ExecutionState of(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String key = text.trim().replace("_", "").toUpperCase(Locale.ROOT);
        for (ExecutionState s : values()) {
            if (s.name().replace("_", "").equals(key)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** The script has ended, one way or another. */
    public boolean finished() {
        return this == FAILED || this == SUCCEEDED || this == TIMED_OUT || this == CANCELED;
    }

    /** As Azure writes it, e.g. TimedOut. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String part : name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}

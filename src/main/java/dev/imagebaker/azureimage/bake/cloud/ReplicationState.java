package dev.imagebaker.azureimage.bake.cloud;

import java.util.Locale;

/** Replication of an image version to one region (Azure: Unknown, Replicating, Completed, Failed). */
public enum ReplicationState {
    UNKNOWN, REPLICATING, COMPLETED, FAILED;

    public static ReplicationState of(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    @Override
    public String toString() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}

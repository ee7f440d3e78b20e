package dev.imagebaker.azureimage.bake.cloud;

import java.util.Locale;

/** An ARM resource's provisioningState, read case-insensitively; values Azure may add become UNKNOWN. */
public enum ProvisioningState {
    CREATING, UPDATING, DELETING, MIGRATING, SUCCEEDED, FAILED, CANCELED, UNKNOWN;

    public static ProvisioningState of(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** Failed or Canceled: the resource will not become usable. */
    public boolean broken() {
        return this == FAILED || this == CANCELED;
    }

    /** As Azure writes it, e.g. Succeeded. */
    public String azureName() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    @Override
    public String toString() {
        return azureName();
    }
}

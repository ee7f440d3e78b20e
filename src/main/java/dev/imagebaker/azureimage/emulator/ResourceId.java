package dev.imagebaker.azureimage.emulator;

import java.util.Locale;

/**
 * An ARM resource id such as {@code /subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/x/images/y}.
 * Ids compare case-insensitively, as ARM treats them.
 */
record ResourceId(String value) {

    static ResourceId resourceGroup(String subscription, String group) {
        return new ResourceId("/subscriptions/" + subscription + "/resourceGroups/" + group);
    }

    static ResourceId of(String subscription, String group, String typePath) {
        return new ResourceId("/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/" + typePath);
    }

    String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    private String[] parts() {
        return value.substring(1).split("/");
    }

    String subscription() {
        return parts()[1];
    }

    String resourceGroup() {
        String[] p = parts();
        return p.length > 3 && p[2].equalsIgnoreCase("resourceGroups") ? p[3] : null;
    }

    String name() {
        String[] p = parts();
        return p[p.length - 1];
    }

    /** The resource type, e.g. Microsoft.Compute/galleries/images; Microsoft.Resources/resourceGroups for groups. */
    String type() {
        String[] p = parts();
        if (p.length == 4) {
            return "Microsoft.Resources/resourceGroups";
        }
        StringBuilder type = new StringBuilder(p[5]);
        for (int i = 6; i < p.length; i += 2) {
            type.append('/').append(p[i]);
        }
        return type.toString();
    }

    /** The parent of a nested resource (a gallery for an image definition); null for top-level ones. */
    ResourceId parent() {
        String[] p = parts();
        if (p.length < 10) {
            return null;
        }
        return new ResourceId("/" + String.join("/", java.util.Arrays.copyOf(p, p.length - 2)));
    }

    ResourceId child(String type, String name) {
        return new ResourceId(value + "/" + type + "/" + name);
    }

    boolean isWithin(ResourceId scope) {
        return key().startsWith(scope.key() + "/");
    }

    boolean sameAs(String other) {
        return other != null && key().equals(other.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}

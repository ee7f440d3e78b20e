package dev.imagebaker.azureimage.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Where and how the build VM is placed: network, security type, and the tags on everything the plugin creates. */
final class PlacementReader {
    private static final Pattern SUBNET_ID = Pattern.compile("(?i)^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+"
            + "/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$");
    /** Azure refuses these in tag names (Azure Resource Manager, "Use tags to organize your Azure resources"). */
    private static final Pattern TAG_NAME_FORBIDDEN = Pattern.compile("[<>%&\\\\?/]");
    /** Azure allows 50 tags per resource; the plugin writes up to this many of its own on an image version. */
    static final int MAX_USER_TAGS = 50 - 22;

    private PlacementReader() {
    }

    static NetworkSettings network(ConfigValues values) {
        String subnetId = values.get(PropertyNames.NETWORK_SUBNET_ID);
        if (subnetId != null && !SUBNET_ID.matcher(subnetId).matches()) {
            values.problem(PropertyNames.NETWORK_SUBNET_ID, "'" + subnetId + "' is not the id of a subnet.", "Use"
                    + " /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>"
                    + "/subnets/<subnet> (az network vnet subnet show --query id).");
            subnetId = null;
        }
        // The default follows whether a subnet is set at all: a malformed id is one problem, not two.
        boolean existing = values.get(PropertyNames.NETWORK_SUBNET_ID) != null;
        String text = values.get(PropertyNames.NETWORK_OUTBOUND);
        NetworkSettings.Outbound outbound = existing ? NetworkSettings.Outbound.CHECKED
                : NetworkSettings.Outbound.NAT;
        if (text != null) {
            try {
                outbound = NetworkSettings.Outbound.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                values.problem(PropertyNames.NETWORK_OUTBOUND, "'" + text + "' is not a way out.", "Use nat (the"
                        + " default without <subnetId>), none, or with <subnetId> checked (the default) or assumed.");
                return new NetworkSettings(subnetId, outbound);
            }
        }
        if (existing && outbound == NetworkSettings.Outbound.NAT) {
            values.problem(PropertyNames.NETWORK_OUTBOUND, "nat makes a NAT gateway for the plugin's own network,"
                    + " but <subnetId> builds in an existing subnet, where the plugin creates nothing network-wise.",
                    "Leave <outbound> out (the subnet's way out is checked), or set assumed or none.");
        }
        if (!existing && (outbound == NetworkSettings.Outbound.CHECKED
                || outbound == NetworkSettings.Outbound.ASSUMED)) {
            values.problem(PropertyNames.NETWORK_OUTBOUND, text + " applies to an existing subnet, and"
                    + " <network><subnetId> is not set.", "Set <subnetId>, or use nat (the default) or none.");
        }
        return new NetworkSettings(subnetId, outbound);
    }

    /** null: chosen from the source image (Trusted Launch where the image and size support it). */
    static SecurityType securityType(ConfigValues values) {
        String text = values.get(PropertyNames.SECURITY_TYPE);
        SecurityType type = SecurityType.of(text);
        if (text != null && type == null) {
            values.problem(PropertyNames.SECURITY_TYPE, "'" + text + "' is not a security type.", "Use Standard,"
                    + " TrustedLaunch or ConfidentialVM, or leave it out to follow the source image.");
        }
        return type;
    }

    static Map<String, String> tags(ConfigValues values) {
        Map<String, String> tags = new TreeMap<>(values.tags());
        tags.forEach((name, value) -> {
            String property = PropertyNames.TAGS_PREFIX + name;
            if (name.isBlank() || name.length() > 512 || TAG_NAME_FORBIDDEN.matcher(name).find()) {
                values.problem(property, "'" + name + "' is not a tag name Azure accepts.", "Use at most 512"
                        + " characters, none of < > % & \\\\ ? /.");
            } else if (name.toLowerCase(Locale.ROOT).startsWith("azure-image.")) {
                values.problem(property, "Tags named azure-image.* are the plugin's own.", "Choose another name.");
            }
            if (value.length() > 256) {
                values.problem(property, "The value of tag " + name + " is longer than 256 characters.",
                        "Shorten it.");
            }
        });
        if (tags.size() > MAX_USER_TAGS) {
            values.problem(PropertyNames.TAGS_PREFIX + "*", tags.size() + " tags are more than the " + MAX_USER_TAGS
                    + " that fit beside the plugin's own (Azure allows 50 per resource).", "Keep fewer tags.");
        }
        return tags;
    }
}

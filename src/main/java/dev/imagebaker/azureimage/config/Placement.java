package dev.imagebaker.azureimage.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the plugin's VMs are placed: their network, their security type (null: follow the source image), the
 * tags on everything the plugin creates (tag policies), and an existing resource group to build in (null: a
 * temporary group per build), for identities with rights on one group only.
 */
public record Placement(NetworkSettings network, SecurityType securityType, Map<String, String> tags,
                        String buildResourceGroup) {
    public Placement {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public static Placement defaults() {
        return new Placement(NetworkSettings.own(), null, Map.of(), null);
    }

    /** The user's tags with the plugin's own on top. */
    public Map<String, String> tagsWith(Map<String, String> own) {
        Map<String, String> all = new TreeMap<>(tags);
        all.putAll(own);
        return all;
    }
}

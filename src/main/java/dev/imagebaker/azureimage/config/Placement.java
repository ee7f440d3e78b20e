package dev.imagebaker.azureimage.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the plugin's VMs are placed: their network, their security type (null: follow the source image) and the
 * tags on everything the plugin creates (tag policies).
 */
public record Placement(NetworkSettings network, SecurityType securityType, Map<String, String> tags) {
    public Placement {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public static Placement defaults() {
        return new Placement(NetworkSettings.own(), null, Map.of());
    }

    /** The user's tags with the plugin's own on top. */
    public Map<String, String> tagsWith(Map<String, String> own) {
        Map<String, String> all = new TreeMap<>(tags);
        all.putAll(own);
        return all;
    }
}

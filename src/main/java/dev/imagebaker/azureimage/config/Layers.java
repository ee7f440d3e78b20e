package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.util.List;

/**
 * The cached layers of a bake, in the order their scripts run: each ends with a snapshot of the build VM's OS disk
 * that a later bake with the same inputs up to that layer starts from instead of the source image. enabled false
 * bakes every script and records nothing; maxAge: an older cached layer is baked afresh (e.g. for security updates).
 */
public record Layers(List<Layer> cached, boolean enabled, Duration maxAge) {
    public Layers {
        cached = List.copyOf(cached);
    }

    /** One layer: its name and its scripts (full names, in run order). */
    public record Layer(String name, List<String> scripts) {
        public Layer {
            scripts = List.copyOf(scripts);
        }

        /** The script after which the layer is snapshot. */
        public String lastScript() {
            return scripts.get(scripts.size() - 1);
        }
    }

    public static Layers none() {
        return new Layers(List.of(), false, Duration.ofDays(7));
    }

    /** Whether the bake snapshots layers at all. */
    public boolean active() {
        return enabled && !cached.isEmpty();
    }

    /** The name of the cached layer at index. */
    public String name(int index) {
        return cached.get(index).name();
    }

    /** The index of the layer holding the script, or -1 for a script after all cached layers. */
    public int layerOf(String script) {
        for (int i = 0; i < cached.size(); i++) {
            if (cached.get(i).scripts().contains(script)) {
                return i;
            }
        }
        return -1;
    }
}

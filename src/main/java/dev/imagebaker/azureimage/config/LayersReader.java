package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cached layers: {@code <layers><base>10-packages.sh,20-jdk.sh</base></layers>} (or
 * {@code -Dazure-image.layers.base=...}), {@code <layerCache>} and {@code <layerMaxAge>}. A layer names scripts by
 * file name, with or without extension; the layers together must hold the first scripts in run order, without gaps,
 * since a bake that starts from a layer skips exactly the scripts before it. Data disks cannot be layered: a layer
 * keeps the OS disk only.
 */
final class LayersReader {
    /** A layer's name goes into snapshot names and tags: short, letters, digits and '-'. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,19}$");
    static final String DEFAULT_MAX_AGE = "P7D";

    private LayersReader() {
    }

    static Layers read(ConfigValues values, List<ScriptSpec> scripts, List<DataDisk> dataDisks, OsType os) {
        boolean enabled = values.bool(PropertyNames.LAYER_CACHE, true);
        Duration maxAge = values.duration(PropertyNames.LAYER_MAX_AGE, DEFAULT_MAX_AGE);
        Map<String, String> given = values.layers();
        if (given.isEmpty()) {
            return new Layers(List.of(), enabled, maxAge);
        }
        List<String> order = scripts.stream().map(ScriptSpec::name).toList();
        Map<String, String> layerOfScript = new HashMap<>();
        List<Layers.Layer> layers = new ArrayList<>();
        given.forEach((name, list) -> {
            String property = PropertyNames.LAYERS_PREFIX + name;
            if (!NAME.matcher(name).matches()) {
                values.problem(property, "The layer name '" + name + "' is not 1 to 20 letters, digits or '-'.",
                        "Name layers like base or app-deps.");
                return;
            }
            List<String> members = new ArrayList<>();
            for (String entry : list.split(",")) {
                String script = withExtension(entry.trim(), os);
                if (entry.isBlank()) {
                    continue;
                }
                if (!order.contains(script)) {
                    String near = DidYouMean.closest(script, order);
                    values.problem(property, "Layer " + name + " names " + entry.trim() + ", which is not one of the"
                            + " scripts " + order + ".", near != null ? "Did you mean " + near + "?"
                            : "Name scripts of the scripts folder or inline scripts.");
                } else if (layerOfScript.putIfAbsent(script, name) != null) {
                    values.problem(property, "Script " + script + " is in layers " + layerOfScript.get(script)
                            + " and " + name + ".", "Put each script in one layer.");
                } else {
                    members.add(script);
                }
            }
            if (members.isEmpty() && !list.isBlank()) {
                return; // each name it gave was refused above
            }
            if (members.isEmpty()) {
                values.problem(property, "Layer " + name + " names no script.", "List its scripts, e.g. <" + name
                        + ">10-packages" + os.scriptExtension() + "</" + name + ">.");
                return;
            }
            members.sort(Comparator.comparingInt(order::indexOf));
            layers.add(new Layers.Layer(name, members));
        });
        layers.sort(Comparator.comparingInt(l -> order.indexOf(l.scripts().get(0))));
        requireLeadingScripts(values, layers, order);
        if (!dataDisks.isEmpty() && !layers.isEmpty()) {
            values.problem(PropertyNames.LAYERS_PREFIX + layers.get(0).name(), "A cached layer keeps the OS disk"
                    + " only, so it cannot hold what scripts put on the data disks.", "Remove <layers> or"
                    + " <dataDisks>.");
        }
        return new Layers(layers, enabled, maxAge);
    }

    /** The layers, one after another, must be the first scripts in run order: no script outside them in between. */
    private static void requireLeadingScripts(ConfigValues values, List<Layers.Layer> layers, List<String> order) {
        int position = 0;
        for (Layers.Layer layer : layers) {
            for (String script : layer.scripts()) {
                if (order.indexOf(script) != position) {
                    String skipped = order.get(position);
                    values.problem(PropertyNames.LAYERS_PREFIX + layer.name(), "Layer " + layer.name() + " holds "
                            + script + ", but " + skipped + " runs before it and is " + (position < order.size()
                            && inAnyLayer(layers, skipped) ? "in another layer" : "in no layer") + ". Scripts run"
                            + " in name order, and cached layers must hold the first scripts, one layer after"
                            + " another.", "Add " + skipped + " to a layer, or rename the scripts so that the"
                            + " layered ones come first.");
                    return;
                }
                position++;
            }
        }
    }

    private static boolean inAnyLayer(List<Layers.Layer> layers, String script) {
        return layers.stream().anyMatch(l -> l.scripts().contains(script));
    }

    private static String withExtension(String name, OsType os) {
        return name.endsWith(".sh") || name.endsWith(".ps1") || name.isEmpty() ? name : name + os.scriptExtension();
    }
}

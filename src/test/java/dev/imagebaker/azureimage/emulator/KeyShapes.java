package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the key sets of two JSON documents recursively, case-sensitively (Azure's casing is part of the
 * contract): an object's keys at every path, with every element of an array compared under {@code path[]}.
 * Values are ignored, since ids, times and GUIDs differ from an example's by nature.
 */
final class KeyShapes {
    private KeyShapes() {
    }

    /** Every key path of a document: "properties.storageProfile.dataDisks[].lun". */
    static Set<String> paths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                out.add(path);
                if (!name.equals("tags")) {
                    // Tag names are the user's data, not the contract's keys.
                    collect(node.get(name), path, out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, prefix + "[]", out));
        }
    }

    /** Key paths the example has and the actual answer lacks. */
    static List<String> missing(JsonNode example, JsonNode actual) {
        List<String> out = new ArrayList<>(paths(example));
        out.removeAll(paths(actual));
        return out;
    }

    /** Key paths the actual answer has and the example lacks. */
    static List<String> extra(JsonNode example, JsonNode actual) {
        List<String> out = new ArrayList<>(paths(actual));
        out.removeAll(paths(example));
        return out;
    }
}

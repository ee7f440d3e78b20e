package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every resource of the emulated cloud, by id. Not thread-safe: the emulator serialises requests. */
final class Inventory {
    /** Private state of resources the platform owns (managed boot diagnostics storage): no client sees them. */
    static final String PLATFORM = "platform";
    private final Map<String, Resource> resources = new TreeMap<>();

    Resource get(ResourceId id) {
        return resources.get(id.key());
    }

    Resource get(String id) {
        return id == null ? null : get(new ResourceId(id));
    }

    boolean contains(ResourceId id) {
        return resources.containsKey(id.key());
    }

    void put(Resource resource) {
        resources.put(resource.id.key(), resource);
    }

    void remove(ResourceId id) {
        resources.remove(id.key());
    }

    /** Resources below scope (not scope itself) whose type equals type, or any type when type is null. */
    List<Resource> within(ResourceId scope, String type) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (r.id.isWithin(scope) && (type == null || r.id.type().equalsIgnoreCase(type))) {
                out.add(r);
            }
        }
        return out;
    }

    /** Direct children of parent of the given child type. */
    List<Resource> children(ResourceId parent, String childType) {
        String type = parent.type() + "/" + childType;
        List<Resource> out = new ArrayList<>();
        for (Resource r : within(parent, type)) {
            if (r.id.parent() != null && r.id.parent().key().equals(parent.key())) {
                out.add(r);
            }
        }
        return out;
    }

    List<Resource> all() {
        return new ArrayList<>(resources.values());
    }

    /** What a person or a verify script reads: every client's resource as GET returns it, sorted by id. */
    ArrayNode publicView() {
        ArrayNode out = Json.array();
        all().stream().filter(r -> !r.state.path(PLATFORM).asBoolean())
                .sorted(Comparator.comparing(r -> r.id.key())).forEach(r -> out.add(r.body.deepCopy()));
        return out;
    }

    /** Everything, private state included, to persist between emulator runs. */
    ArrayNode snapshot() {
        ArrayNode out = Json.array();
        for (Resource r : resources.values()) {
            ObjectNode entry = Json.object();
            entry.put("id", r.id.value());
            entry.set("body", r.body.deepCopy());
            entry.set("state", r.state.deepCopy());
            out.add(entry);
        }
        return out;
    }

    void restore(JsonNode snapshot) {
        resources.clear();
        for (JsonNode entry : snapshot) {
            put(new Resource(new ResourceId(entry.get("id").asText()),
                    (ObjectNode) entry.get("body").deepCopy(), (ObjectNode) entry.get("state").deepCopy()));
        }
    }
}

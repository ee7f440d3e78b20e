package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** JSON helpers for the emulator; dumps are written with sorted keys so that they diff well. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.INDENT_OUTPUT, false);
    private static final ObjectMapper PRETTY = MAPPER.copy().configure(SerializationFeature.INDENT_OUTPUT, true)
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ArmException(400, "InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: " + e.getMessage());
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pretty, key-sorted text, for dumps meant for people and diff tools. */
    static String writeSorted(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text at a dotted path ("properties.osProfile.computerName"), or null. */
    static String text(JsonNode node, String path) {
        JsonNode n = at(node, path);
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }

    /** The object at a dotted path, created on the way when missing. */
    static ObjectNode with(ObjectNode node, String path) {
        ObjectNode current = node;
        for (String part : path.split("\\.")) {
            JsonNode next = current.get(part);
            if (!(next instanceof ObjectNode)) {
                next = current.putObject(part);
            }
            current = (ObjectNode) next;
        }
        return current;
    }

    /** Removes the first matching field name anywhere below node, case-insensitively (ARM ignores case). */
    static void removeDeep(JsonNode node, String fieldName) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(fieldName)) {
                    it.remove();
                } else {
                    removeDeep(e.getValue(), fieldName);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(n -> removeDeep(n, fieldName));
        }
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The fault rules in force and a record of the faults that fired. */
public final class Faults {
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final List<String> fired = new CopyOnWriteArrayList<>();

    public Faults add(FaultRule rule) {
        rules.add(rule);
        return this;
    }

    /** Adds every rule of a JSON array such as [{"kind":"THROTTLE","operation":"...","times":2}]. */
    public Faults addAll(JsonNode array) {
        for (JsonNode rule : array) {
            add(FaultRule.fromJson(rule));
        }
        return this;
    }

    /** Adds the rules of a JSON file holding an array of rules; the message names the file when it is wrong. */
    public Faults addFile(Path file) throws IOException {
        JsonNode rules;
        try {
            rules = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the fault file " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (rules == null || !rules.isArray()) {
            throw new IllegalArgumentException("the fault file " + file + " must hold a JSON array of rules");
        }
        try {
            return addAll(rules);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the fault file " + file + " has a bad rule: " + e.getMessage());
        }
    }

    public void clear() {
        rules.clear();
        fired.clear();
    }

    /** One line per fault that fired: "THROTTLE Microsoft.Compute/virtualMachines/write on vm". */
    public List<String> fired() {
        return new ArrayList<>(fired);
    }

    /** The first live rule of that kind for the operation and resource; it is spent by one firing. */
    FaultRule take(FaultRule.Kind kind, String operation, String resourceName) {
        for (FaultRule rule : rules) {
            if (rule.matches(kind, operation, resourceName) && rule.fire()) {
                fired.add(kind + " " + operation + (resourceName == null ? "" : " on " + resourceName));
                return rule;
            }
        }
        return null;
    }
}

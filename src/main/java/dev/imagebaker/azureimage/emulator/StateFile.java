package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Persists the emulated cloud to a JSON file so that several Maven invocations share it. Operations in flight
 * are not persisted: on load, resources caught mid-change are settled as if their operation had completed.
 */
final class StateFile {
    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    void load(CloudState cloud) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            cloud.inventory.restore(root.path("resources"));
            root.path("subscriptions").forEach(s -> cloud.subscriptions.add(s.asText()));
            settle(cloud);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator state " + file, e);
        }
    }

    private static void settle(CloudState cloud) {
        for (Resource r : cloud.inventory.all()) {
            ObjectNode props = r.properties();
            String state = props.path("provisioningState").asText("");
            if (state.equals("Deleting")) {
                cloud.inventory.within(r.id, null).forEach(c -> cloud.inventory.remove(c.id));
                cloud.inventory.remove(r.id);
                continue;
            }
            if (state.equals("Creating") || state.equals("Updating")) {
                props.put("provisioningState", "Succeeded");
            }
            if (r.state.has("power")) {
                VmState.setPower(r, VmState.power(r).settled());
            }
        }
    }

    void save(CloudState cloud) {
        ObjectNode root = Json.object();
        ArrayNode subscriptions = root.putArray("subscriptions");
        cloud.subscriptions.stream().sorted().forEach(subscriptions::add);
        root.set("resources", cloud.inventory.snapshot());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".emulator-state", ".json");
            Files.writeString(tmp, Json.writeSorted(root), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulator state " + file, e);
        }
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One ARM resource: the JSON that GET returns, plus the emulator's private state (power state, whether the
 * guest was deprovisioned, ...), which never appears in a response.
 */
final class Resource {
    final ResourceId id;
    final ObjectNode body;
    final ObjectNode state;

    Resource(ResourceId id, ObjectNode body, ObjectNode state) {
        this.id = id;
        this.body = body;
        this.state = state;
    }

    ObjectNode properties() {
        return Json.with(body, "properties");
    }

    String location() {
        return body.path("location").asText(null);
    }

    String name() {
        return id.name();
    }
}

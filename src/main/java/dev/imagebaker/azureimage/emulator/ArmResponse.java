package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response: status, headers and an optional JSON body. */
final class ArmResponse {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final JsonNode body;
    /** A non-JSON body (blob content, storage's XML errors), with its Content-Type header set. */
    byte[] raw;

    ArmResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    static ArmResponse raw(int status, String contentType, byte[] content) {
        ArmResponse response = new ArmResponse(status, null);
        response.raw = content;
        response.header("Content-Type", contentType);
        return response;
    }

    static ArmResponse ok(JsonNode body) {
        return new ArmResponse(200, body);
    }

    static ArmResponse created(JsonNode body) {
        return new ArmResponse(201, body);
    }

    static ArmResponse status(int status) {
        return new ArmResponse(status, null);
    }

    ArmResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}

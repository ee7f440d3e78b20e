package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** One request as the emulator sees it: decoded path, query parameters (keys lower-cased), JSON body. */
record ArmRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                  byte[] bytes, String baseUrl, String operation) {

    String rawBody() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    String query(String name) {
        return query.get(name.toLowerCase(Locale.ROOT));
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String apiVersion() {
        return query("api-version");
    }

    boolean expands(String what) {
        String expand = query("$expand");
        return expand != null && expand.toLowerCase(Locale.ROOT).contains(what.toLowerCase(Locale.ROOT));
    }

    /** The body as a JSON object; an absent body is an empty object, anything else is Azure's 400. */
    ObjectNode body() {
        String rawBody = rawBody();
        if (rawBody.isBlank()) {
            return Json.object();
        }
        JsonNode node = Json.parse(rawBody);
        if (!(node instanceof ObjectNode obj)) {
            throw new ArmException(400, "InvalidRequestContent", "The request content must be a JSON object.");
        }
        return obj;
    }
}

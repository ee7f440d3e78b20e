package dev.imagebaker.azureimage.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import java.io.IOException;
import java.util.Optional;

/**
 * Plain GETs through the SDK's pipeline (authentication, retries, request count), answered as JSON: for the reads
 * of a no-op rebake, which would otherwise build Compute's generated client (about a second of class loading in a
 * fresh JVM), and for APIs the SDK in use has no client for (marketplace terms). Each caller names the api-version
 * the SDK's own client sends for that operation, so that Azure answers alike.
 */
final class ArmReads {
    /** VirtualMachineImages and the other ComputeRP operations in azure-resourcemanager-compute 2.55.1. */
    static final String COMPUTE_API = "2025-04-01";
    /** GalleryRP operations in azure-resourcemanager-compute 2.55.1. */
    static final String GALLERY_API = "2024-03-03";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArmClients clients;

    ArmReads(ArmClients clients) {
        this.clients = clients;
    }

    /** The resource at path (from /subscriptions/...), or empty when Azure answers 404; other errors throw. */
    Optional<JsonNode> get(String path, String apiVersion, String what) {
        return read(path, apiVersion, what, true);
    }

    /** Like {@link #get}, where 404 is an error too (e.g. a marketplace image that does not exist). */
    JsonNode require(String path, String apiVersion, String what) {
        return read(path, apiVersion, what, false).orElseThrow();
    }

    private Optional<JsonNode> read(String path, String apiVersion, String what, boolean notFoundIsEmpty) {
        String url = clients.profile().getEnvironment().getResourceManagerEndpoint().replaceAll("/+$", "") + path
                + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
        try (HttpResponse response = clients.pipeline().sendSync(new HttpRequest(HttpMethod.GET, url),
                Context.NONE)) {
            String body = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            int status = response.getStatusCode();
            if (status == 404 && notFoundIsEmpty) {
                return Optional.empty();
            }
            if (status >= 400) {
                JsonNode error = body.isBlank() ? null : JSON.readTree(body).path("error");
                String code = error == null ? "" : error.path("code").asText("");
                throw new CloudException(code.isEmpty() ? Lro.codeFor(status) : code, status, what + " failed"
                        + (error == null ? "" : ": " + error.path("message").asText()));
            }
            return Optional.of(JSON.readTree(body));
        } catch (IOException e) {
            throw new CloudException("InvalidResponse", 0, what + ": unreadable answer: " + e.getMessage(), e);
        }
    }

    /** A path segment, escaped as a URL path allows. */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}

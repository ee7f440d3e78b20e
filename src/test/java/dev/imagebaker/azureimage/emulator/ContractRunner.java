package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replays example requests against an emulator over plain HTTP and records, per case, whether the status is one
 * the example lists and the answer has the example's keys. A case that needs its answer (to find an id) gets it.
 */
final class ContractRunner {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ArmEmulator emulator;
    final List<Result> results = new ArrayList<>();

    /**
     * One example: the operation it belongs to, the example file, the request, the statuses the example lists,
     * the example's response keys (values are placeholders), and extra keys the spec's model defines although
     * this example omits them.
     */
    record Case(String operationId, String example, String method, String path, String body, Set<Integer> statuses,
                String shape, Set<String> specExtras) {
    }

    record Result(Case contract, String route, int status, List<String> missing, List<String> extra) {
        boolean passed() {
            return contract.statuses().contains(status) && missing.isEmpty() && extra.isEmpty();
        }

        @Override
        public String toString() {
            return contract.operationId() + " (" + contract.example() + "): status " + status + " expected "
                    + contract.statuses() + (missing.isEmpty() ? "" : ", missing " + missing)
                    + (extra.isEmpty() ? "" : ", extra " + extra);
        }
    }

    ContractRunner(ArmEmulator emulator) {
        this.emulator = emulator;
    }

    /** Sends the case's request and records the result; returns the answer's body (null when none). */
    JsonNode run(Case c) throws IOException, InterruptedException {
        HttpResponse<String> response = send(c.method(), c.path(), c.body());
        JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
        List<String> missing = List.of();
        List<String> extra = List.of();
        if (c.shape() != null) {
            JsonNode shape = JSON.readTree(c.shape());
            missing = KeyShapes.missing(shape, body);
            extra = new ArrayList<>(KeyShapes.extra(shape, body));
            extra.removeIf(path -> c.specExtras().stream().anyMatch(allowed -> path.equals(allowed)
                    || path.startsWith(allowed + ".") || path.startsWith(allowed + "[]")));
        }
        results.add(new Result(c, route(c.method(), c.path()), response.statusCode(), missing, extra));
        return body;
    }

    /** A prerequisite request, not itself a contract case. */
    JsonNode send(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isBlank() ? null : JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        String url = emulator.endpoint().toString().replaceAll("/$", "") + path;
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).method(method, publisher)
                .header("Authorization", "Bearer contract").header("Content-Type", "application/json").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The emulator route ("METHOD template") that a request lands on. */
    String route(String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        for (String route : emulator.routes()) {
            int space = route.indexOf(' ');
            if (!route.substring(0, space).equals(method)) {
                continue;
            }
            String regex = Pattern.quote(route.substring(space + 1)).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(bare).matches()) {
                return route;
            }
        }
        return method + " " + bare + " (no route)";
    }

    /** Routes with at least one case, and how many cases passed, per route. */
    Map<String, Integer> passedByRoute() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Result r : results) {
            out.merge(r.route(), r.passed() ? 1 : 0, Integer::sum);
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

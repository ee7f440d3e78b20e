package dev.imagebaker.azureimage.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The HTTP face of the emulator: parses each request, checks what ARM checks first (bearer token, api-version),
 * applies throttling and error faults, routes, and writes the response with ARM's headers. Requests are handled
 * one at a time so that the emulated cloud changes deterministically.
 */
final class ArmServer implements HttpHandler {
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    private final CloudState cloud;
    private final Router router;
    private final BlobApi blobApi;
    private final Consumer<String> requestLog;
    private final Runnable afterChange;
    private final String scheme;
    final AtomicInteger requests = new AtomicInteger();
    /** Every operation answered, in first-seen order: what a client did, by Azure's names. */
    final java.util.Set<String> operations = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    ArmServer(CloudState cloud, Router router, BlobApi blobApi, Consumer<String> requestLog, Runnable afterChange,
              String scheme) {
        this.cloud = cloud;
        this.router = router;
        this.blobApi = blobApi;
        this.requestLog = requestLog;
        this.afterChange = afterChange;
        this.scheme = scheme;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ArmRequest request = parse(exchange);
            ArmResponse response;
            synchronized (cloud) {
                int completed = cloud.operations.advance();
                response = dispatch(request);
                if (completed > 0 || !request.method().equals("GET") && !request.method().equals("HEAD")) {
                    afterChange.run();
                }
            }
            if (request.path().startsWith("/subscriptions")) {
                requests.incrementAndGet();
            }
            requestLog.accept(request.method() + " " + request.path() + " " + response.status);
            write(exchange, request, response);
        }
    }

    List<String> routes() {
        return router.routes();
    }

    private ArmRequest parse(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        StringBuilder path = new StringBuilder();
        for (String segment : rawPath.split("/", -1)) {
            if (path.length() > 0 || !segment.isEmpty()) {
                path.append('/').append(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(key.toLowerCase(Locale.ROOT), value);
            }
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        String host = headers.getOrDefault("host", "127.0.0.1:" + exchange.getLocalAddress().getPort());
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String p = path.length() == 0 ? "/" : path.toString();
        return new ArmRequest(method, p, query, headers, body, scheme + "://" + host, OperationName.of(method, p));
    }

    private ArmResponse dispatch(ArmRequest request) {
        try {
            boolean arm = request.path().toLowerCase(Locale.ROOT).startsWith("/subscriptions");
            if (arm) {
                operations.add(request.operation());
                requireBearer(request);
                requireSmallEnough(request);
                if (request.apiVersion() == null || request.apiVersion().isBlank()) {
                    throw new ArmException(400, "MissingApiVersionParameter", "The api-version query parameter"
                            + " (?api-version=) is required for all requests.");
                }
                applyFaults(request.operation(), resourceName(request.path()));
            } else if (blobApi.serves(request.path())) {
                String operation = BlobApi.operation(request);
                operations.add(operation);
                try {
                    applyFaults(operation, request.path().substring(request.path().lastIndexOf('/') + 1));
                } catch (ArmException e) {
                    ArmResponse response = new BlobException(e.status, e.code, e.getMessage()).toResponse();
                    return e.retryAfterSeconds == null ? response
                            : response.header("Retry-After", String.valueOf(e.retryAfterSeconds));
                }
                return blobApi.handle(request);
            }
            Router.Match match = router.find(request.method(), request.path());
            if (match == null) {
                throw new ArmException(404, arm ? "InvalidResourceType" : "NotFound", "The Azure Resource Manager"
                        + " emulator does not implement " + request.method() + " " + request.path() + ".");
            }
            return match.handler().handle(request, match.params());
        } catch (ArmException e) {
            ArmResponse response = new ArmResponse(e.status, e.toError().toBody());
            if (e.retryAfterSeconds != null) {
                response.header("Retry-After", String.valueOf(e.retryAfterSeconds));
            }
            return response;
        } catch (RuntimeException e) {
            return new ArmResponse(500, new ArmError("InternalServerError", "The emulator failed: " + e,
                    null).toBody());
        }
    }

    private static void requireBearer(ArmRequest request) {
        String auth = request.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            throw new ArmException(401, "AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing.");
        }
    }

    /**
     * ARM refuses any request body over 4 MB (4 MiB). Documented for template and parameter files
     * (azure-docs articles/azure-resource-manager/templates/best-practices.md: "Limit the size of your template
     * to 4 MB ... You may get an error ... if the total size of the request is too large"); the code and text are
     * what deployments get (Azure/azure-api-management-devops-resource-kit#594). That every ARM request is held
     * to it, a run command PUT included, is an inference: nothing documents it for a direct resource PUT.
     */
    private static void requireSmallEnough(ArmRequest request) {
        if (request.bytes().length > MAX_REQUEST_BYTES) {
            throw new ArmException(413, "RequestContentTooLarge",
                    "The request content size exceeds the maximum size of 4 MB.");
        }
    }

    private void applyFaults(String operation, String resourceName) {
        FaultRule throttle = cloud.faults.take(FaultRule.Kind.THROTTLE, operation, resourceName);
        if (throttle != null) {
            throw new ArmException(429, throttle.code(), throttle.message(), null, throttle.retryAfterSeconds());
        }
        FaultRule error = cloud.faults.take(FaultRule.Kind.HTTP_ERROR, operation, resourceName);
        if (error != null) {
            throw new ArmException(error.status(), error.code(), error.message());
        }
    }

    /** The name of the resource a path addresses, also for actions (".../virtualMachines/vm/start" is "vm"). */
    static String resourceName(String path) {
        List<String> s = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        int providers = -1;
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i).equalsIgnoreCase("providers")) {
                providers = i;
            }
        }
        if (providers < 0) {
            return s.size() >= 4 ? s.get(3) : null;
        }
        int after = s.size() - (providers + 2);
        if (after < 2) {
            return null;
        }
        return s.get(providers + 2 + ((after % 2 == 0) ? after - 1 : after - 2));
    }

    private static void write(HttpExchange exchange, ArmRequest request, ArmResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers.forEach(headers::add);
        String requestId = UUID.randomUUID().toString();
        headers.add("x-ms-request-id", requestId);
        headers.add("x-ms-correlation-request-id",
                request.headers().getOrDefault("x-ms-correlation-request-id", requestId));
        byte[] body = response.raw != null ? response.raw
                : response.body == null ? new byte[0] : Json.write(response.body).getBytes(StandardCharsets.UTF_8);
        if (response.body != null) {
            headers.add("Content-Type", "application/json; charset=utf-8");
        }
        boolean noBody = body.length == 0 || request.method().equals("HEAD") || response.status == 204;
        exchange.sendResponseHeaders(response.status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

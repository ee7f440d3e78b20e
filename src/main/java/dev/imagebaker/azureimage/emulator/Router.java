package dev.imagebaker.azureimage.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches request paths against ARM path templates such as
 * {@code /subscriptions/{sub}/resourcegroups/{rg}}. Literal segments match case-insensitively, as in ARM.
 */
final class Router {

    @FunctionalInterface
    interface Handler {
        ArmResponse handle(ArmRequest request, Params params);
    }

    /** Path parameters of a match. */
    static final class Params {
        private final Map<String, String> values = new HashMap<>();

        String get(String name) {
            return values.get(name);
        }
    }

    record Match(Handler handler, Params params) {
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler));
    }

    /** Every route as "METHOD template", in registration order: what the emulator serves. */
    List<String> routes() {
        return routes.stream().map(r -> r.method + " /" + String.join("/", r.segments)).toList();
    }

    /** The handler for method and path; null when no template matches the path at all. */
    Match find(String method, String path) {
        String[] segments = split(path);
        boolean pathKnown = false;
        for (Route route : routes) {
            Params params = match(route.segments, segments);
            if (params != null) {
                pathKnown = true;
                if (route.method.equals(method)) {
                    return new Match(route.handler, params);
                }
            }
        }
        if (pathKnown) {
            throw new ArmException(405, "MethodNotAllowed",
                    "The requested resource does not support http method '" + method + "'.");
        }
        return null;
    }

    private static Params match(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Params params = new Params();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.values.put(t.substring(1, t.length() - 1), segments[i]);
            } else if (!t.toLowerCase(Locale.ROOT).equals(segments[i].toLowerCase(Locale.ROOT))) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}

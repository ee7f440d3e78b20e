package dev.imagebaker.azureimage.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Derives Azure's RBAC-style operation name from a request, e.g. {@code PUT .../virtualMachines/vm} is
 * {@code Microsoft.Compute/virtualMachines/write} and {@code POST .../virtualMachines/vm/deallocate} is
 * {@code Microsoft.Compute/virtualMachines/deallocate/action}. Faults are addressed by these names.
 */
final class OperationName {
    private OperationName() {
    }

    static String of(String method, String path) {
        List<String> segments = new ArrayList<>(List.of(path.replaceAll("^/+|/+$", "").split("/")));
        String namespace;
        List<String> rest;
        int providers = indexOfIgnoreCase(segments, "providers");
        if (providers >= 0 && providers + 1 < segments.size()) {
            namespace = segments.get(providers + 1);
            rest = segments.subList(providers + 2, segments.size());
        } else if (!segments.isEmpty() && segments.get(0).equalsIgnoreCase("subscriptions")) {
            namespace = "Microsoft.Resources";
            rest = segments;
        } else {
            return "Emulator/" + String.join("/", segments) + "/" + verb(method);
        }
        StringBuilder type = new StringBuilder(namespace);
        int i = 0;
        for (; i + 1 < rest.size(); i += 2) {
            type.append('/').append(rest.get(i));
        }
        boolean trailing = i < rest.size();
        if (trailing && method.equals("POST")) {
            return type + "/" + rest.get(i) + "/action";
        }
        if (trailing) {
            type.append('/').append(rest.get(i));
        }
        return type + "/" + verb(method);
    }

    private static String verb(String method) {
        return switch (method) {
            case "PUT", "PATCH" -> "write";
            case "DELETE" -> "delete";
            case "POST" -> "action";
            default -> "read";
        };
    }

    private static int indexOfIgnoreCase(List<String> list, String value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).toLowerCase(Locale.ROOT).equals(value)) {
                return i;
            }
        }
        return -1;
    }
}

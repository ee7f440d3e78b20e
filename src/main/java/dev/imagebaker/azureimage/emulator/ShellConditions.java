package dev.imagebaker.azureimage.emulator;

import java.util.List;

/**
 * test, [ and [[ on values the model is sure of: string tests (-n, -z, =, ==, !=), integer comparisons and !,
 * -a, -o, && and ||. Anything else (a file test, a pattern, a value the model is not sure of) is not known, and
 * the code that depends on it then runs "maybe".
 */
final class ShellConditions {
    private final List<String> args;
    private final List<Boolean> sure;
    private int pos;

    private ShellConditions(List<String> args, List<Boolean> sure) {
        this.args = args;
        this.sure = sure;
    }

    /** The exit status of the test: 0 true, 1 false, or GuestShell.UNKNOWN. */
    static int evaluate(List<String> args, List<Boolean> sure) {
        if (args.isEmpty()) {
            return 1;
        }
        ShellConditions c = new ShellConditions(args, sure);
        Boolean result = c.or();
        if (result == null || c.pos != args.size()) {
            return GuestShell.UNKNOWN;
        }
        return result ? 0 : 1;
    }

    private boolean at(String... ops) {
        return pos < args.size() && List.of(ops).contains(args.get(pos));
    }

    private Boolean or() {
        Boolean left = and();
        while (at("-o", "||")) {
            pos++;
            Boolean right = and();
            left = left == null || right == null ? (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)
                    ? Boolean.TRUE : null) : left || right;
        }
        return left;
    }

    private Boolean and() {
        Boolean left = not();
        while (at("-a", "&&")) {
            pos++;
            Boolean right = not();
            left = left == null || right == null ? (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)
                    ? Boolean.FALSE : null) : left && right;
        }
        return left;
    }

    private Boolean not() {
        if (at("!")) {
            pos++;
            Boolean inner = not();
            return inner == null ? null : !inner;
        }
        return primary();
    }

    private Boolean primary() {
        if (pos >= args.size()) {
            return null;
        }
        if (pos + 2 < args.size() && isBinary(args.get(pos + 1))) {
            return binary();
        }
        String a = args.get(pos);
        if ((a.equals("-n") || a.equals("-z")) && pos + 1 < args.size()) {
            boolean known = sure.get(pos + 1);
            String v = args.get(pos + 1);
            pos += 2;
            return known ? a.equals("-n") != v.isEmpty() : null;
        }
        if (a.startsWith("-") && a.length() == 2 && pos + 1 < args.size()) {
            // A file test (-f, -d, -x...): the guest's files are not known.
            pos += 2;
            return null;
        }
        boolean known = sure.get(pos);
        pos++;
        return known ? !a.isEmpty() : null;
    }

    private static boolean isBinary(String op) {
        return List.of("=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "=~", "<", ">", "-nt", "-ot",
                "-ef").contains(op);
    }

    private Boolean binary() {
        String left = args.get(pos);
        String op = args.get(pos + 1);
        String right = args.get(pos + 2);
        boolean known = sure.get(pos) && sure.get(pos + 2);
        pos += 3;
        if (!known) {
            return null;
        }
        switch (op) {
            case "=", "==", "!=" -> {
                if (right.matches(".*[*?\\[].*")) {
                    return null;
                }
                return op.equals("!=") != left.equals(right);
            }
            case "-eq", "-ne", "-lt", "-le", "-gt", "-ge" -> {
                Long l = integer(left);
                Long r = integer(right);
                if (l == null || r == null) {
                    return null;
                }
                return switch (op) {
                    case "-eq" -> l.equals(r);
                    case "-ne" -> !l.equals(r);
                    case "-lt" -> l < r;
                    case "-le" -> l <= r;
                    case "-gt" -> l > r;
                    default -> l >= r;
                };
            }
            default -> {
                return null;
            }
        }
    }

    private static Long integer(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

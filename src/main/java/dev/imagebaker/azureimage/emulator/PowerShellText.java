package dev.imagebaker.azureimage.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the emulated Windows guest reads a PowerShell script's text: comments removed, top-level statements (a
 * block with its braces is one), arguments split outside quotes and brackets.
 */
final class PowerShellText {
    private PowerShellText() {
    }

    /** Top-level statements: lines and ';' outside quotes and brackets; else/catch/finally join the block before. */
    static List<String> statements(String body) {
        List<String> out = new ArrayList<>();
        splitTopLevel(body, c -> c == '\n' || c == ';').forEach(statement -> add(out, statement));
        return out;
    }

    /**
     * Splits text where separator holds outside quotes (a backtick escapes the next character in double quotes) and
     * brackets; the parts as they stand, empty ones included.
     */
    static List<String> splitTopLevel(String text, java.util.function.IntPredicate separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '`' && quote == '"' && i + 1 < text.length()) {
                    current.append(c).append(text.charAt(++i));
                    continue;
                }
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (depth <= 0 && separator.test(c)) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static void add(List<String> out, String statement) {
        String s = statement.trim();
        if (s.isEmpty()) {
            return;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!out.isEmpty() && (lower.startsWith("else") || lower.startsWith("catch") || lower.startsWith("finally")
                || lower.startsWith("until") || lower.startsWith("while") && out.get(out.size() - 1).toLowerCase(
                Locale.ROOT).startsWith("do"))) {
            out.set(out.size() - 1, out.get(out.size() - 1) + "\n" + s);
        } else {
            out.add(s);
        }
    }

    static String stripComments(String text) {
        String noBlocks = text.replaceAll("(?s)<#.*?#>", "");
        StringBuilder out = new StringBuilder();
        for (String line : noBlocks.split("\r?\n", -1)) {
            char quote = 0;
            int cut = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#') {
                    cut = i;
                    break;
                }
            }
            out.append(line, 0, cut).append('\n');
        }
        return out.toString();
    }

    static int closing(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && --depth == 0) {
                return i;
            }
        }
        return s.length() - 1;
    }

    /** Splits a command's arguments on whitespace outside quotes and brackets. */
    static List<String> arguments(String s) {
        return splitTopLevel(s, Character::isWhitespace).stream().filter(arg -> !arg.isEmpty()).toList();
    }
}

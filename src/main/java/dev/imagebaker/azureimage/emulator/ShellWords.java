package dev.imagebaker.azureimage.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Bash's word expansion, as far as a guest model needs it: quotes, escapes, $NAME, ${NAME}, the defaulting and
 * checking forms ${NAME:-x} ${NAME-x} ${NAME:=x} ${NAME=x} ${NAME:+x} ${NAME:?msg} ${NAME?msg}, positional and
 * special parameters, and word splitting of unquoted results. Command substitutions and arithmetic are not run:
 * they give an opaque value, unique per evaluation. A result built from anything the model cannot know is marked
 * uncertain, so that nothing is decided on it.
 */
final class ShellWords {
    /** A variable's value, and whether the model knows it for sure. */
    record Var(String value, boolean certain, boolean exported) {
    }

    /** Fields after expansion, and whether all of them are known for sure. */
    record Result(List<String> fields, boolean certain) {
        String joined() {
            return String.join(" ", fields);
        }
    }

    /** Where expansion reads and writes variables, and how it reports a reference bash would refuse. */
    interface Scope {
        Var get(String name);

        /** Whether the model knows that an absent name is really unset (a run command parameter never delivered). */
        boolean knownUnset(String name);

        boolean nounset();

        void assign(String name, String value, boolean certain);

        List<String> positional();

        String special(char c);

        /** An opaque, unique stand-in for the output of a command substitution. */
        String substitute(String command);

        /** Fails the shell as bash does: "NAME: message" on the word's line. */
        RuntimeException expansionError(String name, String message, int line);
    }

    private final Scope scope;
    private final int line;
    private boolean certain = true;
    private final List<String> fields = new ArrayList<>();
    private StringBuilder field;

    private ShellWords(Scope scope, int line) {
        this.scope = scope;
        this.line = line;
    }

    /** Expands a word; with split, unquoted results are split into fields as bash does for command arguments. */
    static Result expand(ShellNode.Word word, Scope scope, boolean split) {
        ShellWords w = new ShellWords(scope, word.line());
        w.word(word.raw(), split);
        return new Result(w.fields, w.certain);
    }

    /** Expands a word to one string, as for assignments, here-documents and redirection targets. */
    static Result single(ShellNode.Word word, Scope scope) {
        return expand(word, scope, false);
    }

    /** Expands the body of an unquoted here-document: parameters and substitutions, no quote removal. */
    static Result heredoc(String body, int line, Scope scope) {
        ShellWords w = new ShellWords(scope, line);
        w.field = new StringBuilder();
        w.doubleQuoted(body, 0, body.length(), true);
        w.fields.add(w.field.toString());
        return new Result(w.fields, w.certain);
    }

    private void word(String raw, boolean split) {
        field = null;
        int i = 0;
        if (raw.startsWith("~")) {
            certain = false;
        }
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\'') {
                int end = raw.indexOf('\'', i + 1);
                text(raw.substring(i + 1, end < 0 ? raw.length() : end));
                i = end < 0 ? raw.length() : end + 1;
            } else if (c == '"') {
                int end = closingQuote(raw, i);
                if (raw.startsWith("\"$@\"", i)) {
                    positionalFields();
                } else {
                    text("");
                    doubleQuoted(raw, i + 1, end, false);
                }
                i = end + 1;
            } else if (c == '\\') {
                if (i + 1 < raw.length()) {
                    text(String.valueOf(raw.charAt(i + 1)));
                }
                i += 2;
            } else if (c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '\'') {
                int end = raw.indexOf('\'', i + 2);
                text(ansiC(raw.substring(i + 2, end < 0 ? raw.length() : end)));
                i = end < 0 ? raw.length() : end + 1;
            } else if (c == '$' || c == '`') {
                int[] end = new int[1];
                String value = dollar(raw, i, end);
                if (split) {
                    splitInto(value);
                } else {
                    text(value);
                }
                i = end[0];
            } else {
                if (split && (c == '*' || c == '?' || c == '[' && raw.indexOf(']', i + 1) > i + 1)) {
                    // Pathname expansion: which files match is not known.
                    certain = false;
                }
                text(String.valueOf(c));
                i++;
            }
        }
        if (field != null) {
            fields.add(field.toString());
        }
    }

    private void text(String s) {
        if (field == null) {
            field = new StringBuilder();
        }
        field.append(s);
    }

    private void splitInto(String value) {
        String[] parts = value.split("[ \\t\\n]+", -1);
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                if (field != null) {
                    fields.add(field.toString());
                }
                field = null;
            }
            if (!parts[p].isEmpty()) {
                text(parts[p]);
            }
        }
    }

    private void positionalFields() {
        List<String> args = scope.positional();
        for (int p = 0; p < args.size(); p++) {
            if (p > 0) {
                fields.add(field.toString());
                field = null;
            }
            text(args.get(p));
        }
    }

    private static int closingQuote(String raw, int open) {
        int i = open + 1;
        while (i < raw.length() && raw.charAt(i) != '"') {
            if (raw.charAt(i) == '\\') {
                i += 2;
            } else if (raw.charAt(i) == '$' && i + 1 < raw.length() && "({".indexOf(raw.charAt(i + 1)) >= 0) {
                i = matching(raw, i + 1) + 1;
            } else {
                i++;
            }
        }
        return Math.min(i, raw.length());
    }

    /** Inside double quotes (or a here-document): expansions, and backslash only before $ ` " \ newline. */
    private void doubleQuoted(String raw, int from, int to, boolean heredoc) {
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < to && ("$`\\\n".indexOf(raw.charAt(i + 1)) >= 0
                    || !heredoc && raw.charAt(i + 1) == '"')) {
                if (raw.charAt(i + 1) != '\n') {
                    text(String.valueOf(raw.charAt(i + 1)));
                }
                i += 2;
            } else if ((c == '$' && i + 1 < to && (Character.isLetterOrDigit(raw.charAt(i + 1))
                    || "_{(@*#?$!-".indexOf(raw.charAt(i + 1)) >= 0)) || c == '`') {
                int[] end = new int[1];
                text(dollar(raw, i, end));
                i = end[0];
            } else {
                text(String.valueOf(c));
                i++;
            }
        }
    }

    /** Expands the $-expression (or backquoted command) at i; end[0] receives the index after it. */
    private String dollar(String raw, int i, int[] end) {
        if (raw.charAt(i) == '`') {
            int close = raw.indexOf('`', i + 1);
            end[0] = close < 0 ? raw.length() : close + 1;
            return opaque(raw.substring(i, end[0]));
        }
        if (i + 1 >= raw.length()) {
            end[0] = i + 1;
            return "$";
        }
        char next = raw.charAt(i + 1);
        if (next == '(') {
            int close = matching(raw, i + 1);
            end[0] = close + 1;
            return opaque(raw.substring(i, end[0]));
        }
        if (next == '{') {
            int close = matching(raw, i + 1);
            end[0] = close + 1;
            return braced(raw.substring(i + 2, close));
        }
        if (Character.isDigit(next) || "@*#?$!-".indexOf(next) >= 0) {
            end[0] = i + 2;
            return special(next);
        }
        int j = i + 1;
        while (j < raw.length() && (Character.isLetterOrDigit(raw.charAt(j)) || raw.charAt(j) == '_')) {
            j++;
        }
        end[0] = j;
        if (j == i + 1) {
            return "$";
        }
        return plain(raw.substring(i + 1, j));
    }

    private static int matching(String raw, int open) {
        char o = raw.charAt(open);
        char c = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '\'' && o == '(') {
                int e = raw.indexOf('\'', i + 1);
                i = e < 0 ? raw.length() : e;
            } else if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return i;
            }
        }
        return raw.length() - 1;
    }

    private String opaque(String command) {
        certain = false;
        return scope.substitute(command);
    }

    private String special(char c) {
        if (Character.isDigit(c)) {
            int n = c - '0';
            if (n == 0) {
                return scope.special('0');
            }
            List<String> args = scope.positional();
            return n <= args.size() ? args.get(n - 1) : "";
        }
        if (c == '@' || c == '*') {
            return String.join(" ", scope.positional());
        }
        if (c == '#') {
            return String.valueOf(scope.positional().size());
        }
        String value = scope.special(c);
        if (value == null) {
            certain = false;
            return "";
        }
        return value;
    }

    /** $NAME: under set -u a parameter the model knows to be unset fails the shell, as in bash. */
    private String plain(String name) {
        ShellWords.Var v = scope.get(name);
        if (v == null) {
            if (scope.nounset() && scope.knownUnset(name)) {
                throw scope.expansionError(name, "unbound variable", line);
            }
            certain &= scope.knownUnset(name);
            return "";
        }
        certain &= v.certain();
        return v.value();
    }

    /** ${...}: the forms bash documents under "Parameter Expansion". */
    private String braced(String inner) {
        if (inner.startsWith("#") && inner.length() > 1) {
            String value = braced(inner.substring(1));
            return String.valueOf(value.length());
        }
        if (inner.startsWith("!")) {
            certain = false;
            return "";
        }
        int n = 0;
        if (!inner.isEmpty() && (Character.isDigit(inner.charAt(0)) || "@*#?$!-".indexOf(inner.charAt(0)) >= 0)) {
            n = 1;
            while (n < inner.length() && Character.isDigit(inner.charAt(0)) && Character.isDigit(inner.charAt(n))) {
                n++;
            }
        } else {
            while (n < inner.length() && (Character.isLetterOrDigit(inner.charAt(n)) || inner.charAt(n) == '_')) {
                n++;
            }
        }
        String name = inner.substring(0, n);
        String rest = inner.substring(n);
        if (rest.startsWith("[")) {
            // An array element: the array is referenced, its elements are not modelled.
            plain(name);
            certain = false;
            return "";
        }
        boolean special = !name.isEmpty() && !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_';
        if (rest.isEmpty()) {
            return special ? special(name.charAt(0)) : plain(name);
        }
        boolean colon = rest.startsWith(":") && rest.length() > 1 && "-=?+".indexOf(rest.charAt(1)) >= 0;
        String op = colon ? rest.substring(0, 2) : rest.substring(0, 1);
        String arg = rest.substring(op.length());
        if ("-=?+".indexOf(op.charAt(op.length() - 1)) < 0) {
            // %, #, /, ^, , and :offset: the value is referenced, its transformation is not modelled.
            if (special) {
                special(name.charAt(0));
            } else {
                plain(name);
            }
            certain = false;
            return "";
        }
        ShellWords.Var v = special ? new Var(special(name.charAt(0)), true, false) : scope.get(name);
        boolean unset = v == null;
        boolean unknown = unset && !special && !scope.knownUnset(name);
        boolean missing = unset || colon && v.value().isEmpty();
        switch (op.charAt(op.length() - 1)) {
            case '-':
                if (unknown) {
                    certain = false;
                }
                return missing ? nested(arg) : v.value();
            case '=':
                if (missing && !unknown) {
                    String value = nested(arg);
                    scope.assign(name, value, certain);
                    return value;
                }
                certain &= !unknown;
                return missing ? nested(arg) : v.value();
            case '+':
                certain &= !unknown;
                return missing ? "" : nested(arg);
            default:
                // ${NAME:?msg} fails for any unset (or, with the colon, empty) NAME; the model only fails when it
                // knows: a parameter never delivered, or a value it is sure of.
                boolean knownMissing = unset ? !unknown : colon && v.value().isEmpty() && v.certain();
                if (knownMissing) {
                    String message = arg.isEmpty() ? (colon ? "parameter null or not set" : "parameter not set")
                            : nested(arg);
                    throw scope.expansionError(name, message, line);
                }
                certain &= !unknown && (unset || v.certain());
                return unset ? "" : v.value();
        }
    }

    /** The word of ${NAME:-word} and friends, expanded as in double quotes. */
    private String nested(String word) {
        ShellWords w = new ShellWords(scope, line);
        w.field = new StringBuilder();
        if (word.length() >= 2 && word.startsWith("'") && word.endsWith("'")) {
            return word.substring(1, word.length() - 1);
        }
        if (word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"")) {
            word = word.substring(1, word.length() - 1);
        }
        w.doubleQuoted(word, 0, word.length(), false);
        certain &= w.certain;
        return w.field.toString();
    }

    private static String ansiC(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\'", "'").replace("\\\\", "\\");
    }
}

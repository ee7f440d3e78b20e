package dev.imagebaker.azureimage.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell script into tokens as bash does before it parses: words (kept raw, quotes included, for the
 * expansion step), operators, redirections and newlines, each with its line number, and here-document bodies
 * attached to their redirection. Only what {@link GuestShell} interprets needs to be exact; anything it does not
 * understand still has to be skipped without losing track of quotes, command substitutions and lines.
 */
final class ShellLexer {
    enum Type { WORD, OP, REDIRECT, NEWLINE, EOF }

    static final class Token {
        final Type type;
        final String text;
        final int line;
        /** For a redirection: its target word, or for a here-document its delimiter. */
        String target;
        /** For a here-document: its body, and whether the delimiter was quoted (no expansion then). */
        String body;
        boolean quoted;

        Token(Type type, String text, int line) {
            this.type = type;
            this.text = text;
            this.line = line;
        }

        @Override
        public String toString() {
            return type + ":" + text;
        }
    }

    /** The script is not one the lexer can follow (an unterminated quote, say): bash would not run it either. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private final String src;
    private int pos;
    private int line = 1;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Token> pendingHeredocs = new ArrayList<>();

    private ShellLexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String script, int lineOffset) {
        ShellLexer lexer = new ShellLexer(script.replace("\r\n", "\n"));
        lexer.line = lineOffset + 1;
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && peek(1) == '\n') {
                pos += 2;
                line++;
            } else if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\n') {
                tokens.add(new Token(Type.NEWLINE, "\n", line));
                pos++;
                line++;
                readHeredocBodies();
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (!operator() && !redirection()) {
                word();
            }
        }
        tokens.add(new Token(Type.EOF, "", line));
    }

    private char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    private boolean operator() {
        for (String op : new String[] {";;", "&&", "||", ";", "&", "|", ")"}) {
            if (src.startsWith(op, pos) && !(op.equals("&") && peek(1) == '>')) {
                tokens.add(new Token(Type.OP, op, line));
                pos += op.length();
                return true;
            }
        }
        if (src.charAt(pos) == '(') {
            if (peek(1) == '(') {
                // (( arithmetic )) as a command: one word, its result is not modelled.
                int start = pos;
                pos = closing(pos + 1, '(', ')') + 1;
                if (pos < src.length() && src.charAt(pos) == ')') {
                    pos++;
                }
                tokens.add(new Token(Type.WORD, src.substring(start, pos), line));
                return true;
            }
            tokens.add(new Token(Type.OP, "(", line));
            pos++;
            return true;
        }
        return false;
    }

    /** [n]> [n]>> [n]< [n]>&m [n]<&m &> &>> <<< << <<- */
    private boolean redirection() {
        int start = pos;
        int p = pos;
        while (p < src.length() && Character.isDigit(src.charAt(p))) {
            p++;
        }
        String op = null;
        for (String candidate : new String[] {"&>>", "&>", "<<<", "<<-", "<<", ">>", ">&", "<&", ">|", ">", "<"}) {
            if (src.startsWith(candidate, p) && (p == start || !candidate.startsWith("&"))) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            return false;
        }
        Token t = new Token(Type.REDIRECT, src.substring(start, p) + op, line);
        pos = p + op.length();
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
            pos++;
        }
        int wordStart = pos;
        word();
        Token target = tokens.remove(tokens.size() - 1);
        t.target = target.text;
        if (op.equals("<<") || op.equals("<<-")) {
            t.quoted = target.text.contains("'") || target.text.contains("\"") || target.text.contains("\\");
            t.target = target.text.replace("'", "").replace("\"", "").replace("\\", "");
            t.body = op;
            pendingHeredocs.add(t);
        } else if (wordStart == pos) {
            throw new SyntaxError("syntax error near unexpected token `newline'");
        }
        tokens.add(t);
        return true;
    }

    /** After a newline: the bodies of the here-documents opened on the line just ended, in order. */
    private void readHeredocBodies() {
        for (Token t : pendingHeredocs) {
            boolean stripTabs = t.body.equals("<<-");
            StringBuilder body = new StringBuilder();
            boolean closed = false;
            while (pos < src.length()) {
                int eol = src.indexOf('\n', pos);
                String text = src.substring(pos, eol < 0 ? src.length() : eol);
                pos = eol < 0 ? src.length() : eol + 1;
                line++;
                String compared = stripTabs ? text.replaceFirst("^\t+", "") : text;
                if (compared.equals(t.target)) {
                    closed = true;
                    break;
                }
                body.append(compared).append('\n');
            }
            if (!closed) {
                // bash only warns ("here-document delimited by end-of-file") and uses what it read.
                line--;
            }
            t.body = body.toString();
        }
        pendingHeredocs.clear();
    }

    private void word() {
        int start = pos;
        int startLine = line;
        if (src.startsWith("[[", pos) && " \t".indexOf(peek(2)) >= 0) {
            // [[ ... ]]: &&, ||, < and > belong to the test, up to the closing ]] on the same line.
            int end = src.indexOf("]]", pos);
            int eol = src.indexOf('\n', pos);
            if (end >= 0 && (eol < 0 || end < eol)) {
                pos = end + 2;
                tokens.add(new Token(Type.WORD, src.substring(start, pos), startLine));
                return;
            }
        }
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\') {
                if (peek(1) == '\n') {
                    line++;
                }
                pos = Math.min(src.length(), pos + 2);
            } else if (c == '\'') {
                int end = src.indexOf('\'', pos + 1);
                if (end < 0) {
                    throw new SyntaxError("unexpected EOF while looking for matching `''");
                }
                countLines(pos, end);
                pos = end + 1;
            } else if (c == '"') {
                pos = doubleQuoted(pos) + 1;
            } else if (c == '`') {
                int end = pos + 1;
                while (end < src.length() && src.charAt(end) != '`') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= src.length()) {
                    throw new SyntaxError("unexpected EOF while looking for matching ``'");
                }
                countLines(pos, end);
                pos = end + 1;
            } else if (c == '$' && (peek(1) == '(' || peek(1) == '{')) {
                char open = peek(1);
                int end = closing(pos + 1, open, open == '(' ? ')' : '}');
                countLines(pos, end);
                pos = end + 1;
            } else if (c == '(' && pos > start && src.charAt(pos - 1) == '=' && isAssignmentName(start, pos - 1)) {
                // NAME=(a b c): an array assignment is one word.
                int end = closing(pos, '(', ')');
                countLines(pos, end);
                pos = end + 1;
            } else if (" \t\n;&|()<>".indexOf(c) >= 0) {
                break;
            } else {
                pos++;
            }
        }
        if (pos == start) {
            throw new SyntaxError("syntax error near unexpected token `" + src.charAt(pos) + "'");
        }
        tokens.add(new Token(Type.WORD, src.substring(start, pos), startLine));
    }

    private boolean isAssignmentName(int from, int to) {
        String name = src.substring(from, to).replace("+", "");
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    private int doubleQuoted(int open) {
        int p = open + 1;
        while (p < src.length() && src.charAt(p) != '"') {
            char c = src.charAt(p);
            if (c == '\\') {
                p += 2;
            } else if (c == '$' && p + 1 < src.length() && (src.charAt(p + 1) == '(' || src.charAt(p + 1) == '{')) {
                char o = src.charAt(p + 1);
                p = closing(p + 1, o, o == '(' ? ')' : '}') + 1;
            } else if (c == '`') {
                p = src.indexOf('`', p + 1) + 1;
                if (p == 0) {
                    throw new SyntaxError("unexpected EOF while looking for matching ``'");
                }
            } else {
                p++;
            }
        }
        if (p >= src.length()) {
            throw new SyntaxError("unexpected EOF while looking for matching `\"'");
        }
        countLines(open, p);
        return p;
    }

    /** The index of the bracket closing the one at open, skipping quotes and nested brackets. */
    private int closing(int open, char o, char c) {
        int depth = 0;
        int p = open;
        while (p < src.length()) {
            char ch = src.charAt(p);
            if (ch == '\\') {
                p += 2;
                continue;
            }
            if (ch == '\'' && o != '{') {
                int end = src.indexOf('\'', p + 1);
                p = end < 0 ? src.length() : end + 1;
                continue;
            }
            if (ch == '"') {
                int save = line;
                p = doubleQuoted(p) + 1;
                line = save;
                continue;
            }
            if (ch == o) {
                depth++;
            } else if (ch == c) {
                depth--;
                if (depth == 0) {
                    return p;
                }
            }
            p++;
        }
        throw new SyntaxError("unexpected EOF while looking for matching `" + c + "'");
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
    }
}

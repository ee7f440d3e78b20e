package dev.imagebaker.azureimage.emulator;

import dev.imagebaker.azureimage.emulator.ShellLexer.Token;
import dev.imagebaker.azureimage.emulator.ShellLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the tokens of a shell script into {@link ShellNode}s by bash's grammar (lists, and-or lists, pipelines,
 * simple and compound commands, functions). Reserved words count only where a command starts, as in bash.
 */
final class ShellParser {
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Set<String> LIST_END = Set.of("then", "elif", "else", "fi", "do", "done", "esac", "}");
    private final List<Token> tokens;
    private int pos;

    private ShellParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static ShellNode parse(String script) {
        return parse(script, 0);
    }

    /** Parses text whose first line is line lineOffset + 1 of the script it came from (eval, source). */
    static ShellNode parse(String script, int lineOffset) {
        ShellParser parser = new ShellParser(ShellLexer.tokens(script, lineOffset));
        ShellNode node = parser.list(Set.of());
        if (parser.peek().type != Type.EOF) {
            throw parser.unexpected();
        }
        return node;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean atWord(String word) {
        return peek().type == Type.WORD && peek().text.equals(word);
    }

    private boolean atOp(String op) {
        return peek().type == Type.OP && peek().text.equals(op);
    }

    private ShellLexer.SyntaxError unexpected() {
        Token t = peek();
        return new ShellLexer.SyntaxError("syntax error near unexpected token `"
                + (t.type == Type.EOF ? "end of file" : t.type == Type.NEWLINE ? "newline" : t.text) + "'");
    }

    private void expectWord(String word) {
        skipNewlines();
        if (!atWord(word)) {
            throw unexpected();
        }
        next();
    }

    private void skipNewlines() {
        while (peek().type == Type.NEWLINE) {
            next();
        }
    }

    /** Commands up to a reserved word that ends the enclosing compound command (or ')' or EOF). */
    private ShellNode list(Set<String> enders) {
        List<ShellNode> nodes = new ArrayList<>();
        while (true) {
            skipNewlines();
            Token t = peek();
            if (t.type == Type.EOF || atOp(")") || atOp(";;")
                    || t.type == Type.WORD && (LIST_END.contains(t.text) || enders.contains(t.text))) {
                return new ShellNode.Sequence(nodes);
            }
            ShellNode node = andOr();
            if (atOp("&")) {
                next();
                node = new ShellNode.Background(node);
            } else if (atOp(";")) {
                next();
            }
            nodes.add(node);
        }
    }

    private ShellNode andOr() {
        List<ShellNode> items = new ArrayList<>(List.of(pipeline()));
        List<String> ops = new ArrayList<>();
        while (atOp("&&") || atOp("||")) {
            ops.add(next().text);
            skipNewlines();
            items.add(pipeline());
        }
        return items.size() == 1 ? items.get(0) : new ShellNode.AndOr(items, ops);
    }

    private ShellNode pipeline() {
        boolean negated = false;
        if (atWord("!")) {
            next();
            negated = true;
        }
        List<ShellNode> commands = new ArrayList<>(List.of(command()));
        while (atOp("|")) {
            next();
            skipNewlines();
            commands.add(command());
        }
        return commands.size() == 1 && !negated ? commands.get(0) : new ShellNode.Pipeline(commands, negated);
    }

    private ShellNode command() {
        Token t = peek();
        if (t.type == Type.OP && t.text.equals("(")) {
            next();
            ShellNode body = list(Set.of());
            if (!atOp(")")) {
                throw unexpected();
            }
            next();
            return new ShellNode.Group(body, true, redirects());
        }
        if (t.type != Type.WORD) {
            throw unexpected();
        }
        switch (t.text) {
            case "if":
                return ifCommand();
            case "while":
            case "until":
                next();
                ShellNode condition = list(Set.of("do"));
                expectWord("do");
                ShellNode body = list(Set.of());
                expectWord("done");
                redirects();
                return new ShellNode.Loop(condition, body, t.text.equals("until"));
            case "for":
                return forCommand();
            case "case":
                return caseCommand();
            case "{":
                next();
                ShellNode group = list(Set.of());
                expectWord("}");
                return new ShellNode.Group(group, false, redirects());
            case "function":
                next();
                String name = next().text.replace("()", "");
                if (atOp("(")) {
                    next();
                    next();
                }
                skipNewlines();
                return new ShellNode.Function(name, command());
            default:
                break;
        }
        if (t.text.startsWith("((")) {
            next();
            redirects();
            return new ShellNode.Opaque(new ShellNode.Word(t.text, t.line));
        }
        if (NAME.matcher(t.text).matches() && tokens.get(pos + 1).type == Type.OP
                && tokens.get(pos + 1).text.equals("(") && tokens.get(pos + 2).text.equals(")")) {
            next();
            next();
            next();
            skipNewlines();
            return new ShellNode.Function(t.text, command());
        }
        return simple();
    }

    private ShellNode ifCommand() {
        List<ShellNode> conditions = new ArrayList<>();
        List<ShellNode> bodies = new ArrayList<>();
        ShellNode elseBody = null;
        next();
        while (true) {
            conditions.add(list(Set.of("then")));
            expectWord("then");
            bodies.add(list(Set.of()));
            skipNewlines();
            if (atWord("elif")) {
                next();
                continue;
            }
            if (atWord("else")) {
                next();
                elseBody = list(Set.of());
            }
            expectWord("fi");
            redirects();
            return new ShellNode.If(conditions, bodies, elseBody);
        }
    }

    private ShellNode forCommand() {
        int line = next().line;
        Token name = next();
        if (name.text.startsWith("((")) {
            skipSeparators();
            expectWord("do");
            ShellNode body = list(Set.of());
            expectWord("done");
            redirects();
            return new ShellNode.For(null, List.of(), body, line);
        }
        List<ShellNode.Word> words = null;
        skipNewlines();
        if (atWord("in")) {
            next();
            words = new ArrayList<>();
            while (peek().type == Type.WORD) {
                Token w = next();
                words.add(new ShellNode.Word(w.text, w.line));
            }
        }
        skipSeparators();
        expectWord("do");
        ShellNode body = list(Set.of());
        expectWord("done");
        redirects();
        return new ShellNode.For(name.text, words, body, line);
    }

    private void skipSeparators() {
        while (atOp(";") || peek().type == Type.NEWLINE) {
            next();
        }
    }

    /** case ... esac: only the subject is kept; the branches are skipped up to the matching esac. */
    private ShellNode caseCommand() {
        next();
        Token subject = next();
        int depth = 1;
        boolean commandStart = true;
        while (peek().type != Type.EOF) {
            Token t = next();
            if (t.type == Type.WORD && commandStart && t.text.equals("case")) {
                depth++;
            } else if (t.type == Type.WORD && commandStart && t.text.equals("esac") && --depth == 0) {
                redirects();
                return new ShellNode.Case(new ShellNode.Word(subject.text, subject.line));
            }
            commandStart = t.type != Type.WORD || t.text.equals("in");
        }
        throw new ShellLexer.SyntaxError("syntax error: unexpected end of file");
    }

    private List<ShellNode.Redirect> redirects() {
        List<ShellNode.Redirect> out = new ArrayList<>();
        while (peek().type == Type.REDIRECT) {
            out.add(redirect(next()));
        }
        return out;
    }

    private static ShellNode.Redirect redirect(Token t) {
        boolean heredoc = t.text.endsWith("<<") || t.text.endsWith("<<-");
        return new ShellNode.Redirect(t.text, new ShellNode.Word(t.target, t.line), heredoc ? t.body : null,
                t.quoted);
    }

    private ShellNode simple() {
        List<ShellNode.Word> assignments = new ArrayList<>();
        List<ShellNode.Word> words = new ArrayList<>();
        List<ShellNode.Redirect> redirects = new ArrayList<>();
        int line = peek().line;
        while (true) {
            Token t = peek();
            if (t.type == Type.REDIRECT) {
                redirects.add(redirect(next()));
            } else if (t.type == Type.WORD && !(words.isEmpty() && assignments.isEmpty() && LIST_END.contains(t.text))) {
                next();
                ShellNode.Word w = new ShellNode.Word(t.text, t.line);
                if (words.isEmpty() && ASSIGNMENT.matcher(t.text).matches()) {
                    assignments.add(w);
                } else {
                    words.add(w);
                }
            } else {
                break;
            }
        }
        if (words.isEmpty() && assignments.isEmpty() && redirects.isEmpty()) {
            throw unexpected();
        }
        return new ShellNode.Simple(assignments, words, redirects, line);
    }
}

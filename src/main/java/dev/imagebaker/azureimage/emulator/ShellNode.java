package dev.imagebaker.azureimage.emulator;

import java.util.List;

/** The parsed shape of a shell script: the commands bash would run, nested as bash nests them. */
sealed interface ShellNode {
    /** A raw word as written (quotes kept) and the line it starts on. */
    record Word(String raw, int line) {
    }

    /** A redirection: operator (">", "2>&", "<<"...), its target word, and a here-document's body. */
    record Redirect(String op, Word target, String heredoc, boolean quotedHeredoc) {
    }

    /** NAME=value words before the command, the command's words, and its redirections. */
    record Simple(List<Word> assignments, List<Word> words, List<Redirect> redirects, int line) implements ShellNode {
    }

    record Pipeline(List<ShellNode> commands, boolean negated) implements ShellNode {
    }

    /** a && b || c: ops.get(i) joins items i and i+1. */
    record AndOr(List<ShellNode> items, List<String> ops) implements ShellNode {
    }

    /** A command list run in the background ({@code &}). */
    record Background(ShellNode node) implements ShellNode {
    }

    record Sequence(List<ShellNode> nodes) implements ShellNode {
    }

    /** if c1; then b1; elif c2; then b2; else e; fi: conditions and bodies pair up; elseBody may be null. */
    record If(List<ShellNode> conditions, List<ShellNode> bodies, ShellNode elseBody) implements ShellNode {
    }

    record Loop(ShellNode condition, ShellNode body, boolean until) implements ShellNode {
    }

    /** for NAME in words; words null means "$@"; a C-style for has name null. */
    record For(String name, List<Word> words, ShellNode body, int line) implements ShellNode {
    }

    /** case WORD in ... esac: the subject is expanded, the branches are not followed. */
    record Case(Word subject) implements ShellNode {
    }

    /** { list; } or ( list ), with the redirections that follow the closing bracket. */
    record Group(ShellNode body, boolean subshell, List<Redirect> redirects) implements ShellNode {
    }

    record Function(String name, ShellNode body) implements ShellNode {
    }

    /** (( expression )): its status is not known. */
    record Opaque(Word word) implements ShellNode {
    }
}

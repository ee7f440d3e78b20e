package dev.imagebaker.azureimage.emulator;

import dev.imagebaker.azureimage.emulator.ShellRuntime.Ctx;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Cursor;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Dropped;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Exit;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Fds;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Halt;
import dev.imagebaker.azureimage.emulator.ShellRuntime.LoopControl;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Return;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Sink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated Linux guest's bash, interpreting a script statically: nothing runs on the host. It follows a small
 * subset of bash honestly (lists, and-or lists, pipelines, if/for/while/case, functions, subshells, redirections,
 * here-documents, variables and their expansion, set -e/-u) and accepts every command it does not model silently.
 * What it cannot decide (a condition on a file, a command's output) it does not guess: the code that depends on it
 * runs "maybe", which keeps its effects on the guest (a deprovision in a branch is taken as taken) but drops its
 * output, sleeps, exits and failures, so that the model never fails a script bash would run.
 *
 * <p>Environment, as run-command-handler-linux sets it (internal/exec/exec.go SetEnvironmentVariables): each
 * named parameter, public then protected, becomes an environment variable only when its value is not empty. A
 * parameter the run command declared but did not deliver is known to be unset, and under set -u a reference to it
 * fails as bash fails ("line N: NAME: unbound variable", exit 1) unless the script assigns it somewhere. Other
 * unset names (HOME, a loop variable...) are never failed on: the model does not know the guest's environment.
 */
final class GuestShell {
    static final int UNKNOWN = Integer.MIN_VALUE;
    private static final Pattern SHELL_SHEBANG = Pattern.compile("^#!\\s*\\S*(/|env\\s+)(ba|da|k|z)?sh\\b.*");

    /** What the run command hands the script: its path, environment, unnamed arguments and declared names. */
    record Setup(String path, Map<String, String> environment, List<String> args, Set<String> declared,
                 boolean stuck) {
    }

    /** A file the script wrote (a here-document, say), and whether the model is sure of its content. */
    record GuestFile(String text, boolean certain) {
    }

    final GuestRun run = new GuestRun();
    final Set<String> declared;
    /** A SCRIPT_HANG fault: a deprovision never finishes, and the script does not end by itself. */
    final boolean stuck;
    final Map<String, GuestFile> files = new HashMap<>();
    private int substitutions;
    final ShellCommands commands = new ShellCommands(this);
    final ShellRedirections io = new ShellRedirections(this);
    final ShellPrograms programs = new ShellPrograms(this);

    private GuestShell(Set<String> declared, boolean stuck) {
        this.declared = declared;
        this.stuck = stuck;
    }

    /** What the guest does with the script: its output, its effects on the guest, and how it ends. */
    static GuestRun interpret(String script, Setup setup) {
        GuestShell shell = new GuestShell(setup.declared(), setup.stuck());
        Map<String, ShellWords.Var> env = new LinkedHashMap<>();
        setup.environment().forEach((k, v) -> env.put(k, new ShellWords.Var(v, true, true)));
        Cursor cursor = new Cursor(0);
        Ctx ctx = new Ctx(cursor, GuestRun.Job.FOREGROUND, true, new Fds(Sink.OUT, Sink.ERR), null, false, null);
        try {
            int status = shell.spawn(script, setup.path(), setup.args(), env, ctx, List.of());
            shell.run.ends(cursor.now, status == UNKNOWN ? 0 : status & 0xff);
            if (setup.stuck()) {
                // The fault says the script hangs: it never ends by itself.
                shell.run.end = null;
            }
        } catch (Halt halted) {
            shell.run.end = null;
        }
        return shell.run;
    }

    /**
     * Runs a script in a new shell process (the top-level script, bash -c, a script file the script wrote):
     * name is $0 and the prefix of bash's error messages. Returns its exit status.
     */
    int spawn(String text, String name, List<String> args, Map<String, ShellWords.Var> env, Ctx ctx,
              List<String> options) {
        ShellProcess p = new ShellProcess(declared, name, text, env, args, ctx.fds().copy());
        firstLine(text).ifPresent(shebang -> options(p, List.of(shebang.replaceFirst("^#!\\s*\\S+", "")
                .replaceFirst("^\\s*(ba|da)?sh\\b", "").trim().split("\\s+"))));
        options(p, options);
        if (text.startsWith("#!") && !SHELL_SHEBANG.matcher(firstLine(text).orElse("")).matches()) {
            // Another interpreter (python, perl...): not modelled, taken as succeeding.
            return 0;
        }
        ShellNode script;
        try {
            script = ShellParser.parse(text);
        } catch (ShellLexer.SyntaxError unparsed) {
            // Beyond the subset the model follows: only the guest-level effects are looked for, nothing fails.
            programs.effectsByPattern(text, ctx.maybe());
            return UNKNOWN;
        }
        int status;
        try {
            status = exec(script, p, ctx.with(p.fds, ctx.stdin()));
        } catch (Exit exit) {
            status = exit.status;
        } catch (Return | LoopControl outside) {
            status = p.status;
        }
        return exitTrap(p, ctx, status);
    }

    /** trap '...' EXIT: runs when the shell exits, which keeps its status unless the trap exits itself. */
    private int exitTrap(ShellProcess p, Ctx ctx, int status) {
        if (p.exitTrap == null || !ctx.certain()) {
            return status;
        }
        String trap = p.exitTrap;
        p.exitTrap = null;
        p.status = status;
        try {
            commands.source(trap, 1, p, ctx.with(p.fds, null));
        } catch (Exit exit) {
            return exit.status;
        } catch (Return | LoopControl | Dropped ignored) {
            // The trap ends; the shell's status stays.
        }
        return status;
    }

    private static java.util.Optional<String> firstLine(String text) {
        if (!text.startsWith("#!")) {
            return java.util.Optional.empty();
        }
        int eol = text.indexOf('\n');
        return java.util.Optional.of(eol < 0 ? text : text.substring(0, eol));
    }

    /** set-style options: -e, -u, -a, -o nounset... (+x switches them off). */
    void options(ShellProcess p, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ((w.equals("-o") || w.equals("+o")) && i + 1 < words.size()) {
                setOption(p, words.get(++i), w.startsWith("-"));
            } else if (w.length() > 1 && (w.startsWith("-") || w.startsWith("+")) && !w.startsWith("--")) {
                for (char c : w.substring(1).toCharArray()) {
                    if (c == 'o' && i + 1 < words.size()) {
                        // set -euo pipefail: the o takes the next word as an option name.
                        setOption(p, words.get(++i), w.startsWith("-"));
                        continue;
                    }
                    setOption(p, switch (c) {
                        case 'e' -> "errexit";
                        case 'u' -> "nounset";
                        case 'a' -> "allexport";
                        default -> "";
                    }, w.startsWith("-"));
                }
            }
        }
    }

    private static void setOption(ShellProcess p, String option, boolean on) {
        switch (option) {
            case "errexit" -> p.errexit = on;
            case "nounset" -> p.nounset = on;
            case "allexport" -> p.allexport = on;
            case "pipefail" -> p.pipefail = on;
            default -> {
            }
        }
    }

    int exec(ShellNode node, ShellProcess p, Ctx ctx) {
        int status;
        if (node instanceof ShellNode.Sequence s) {
            status = sequence(s, p, ctx);
        } else if (node instanceof ShellNode.Simple s) {
            status = simple(s, p, ctx);
        } else if (node instanceof ShellNode.AndOr a) {
            status = andOr(a, p, ctx);
        } else if (node instanceof ShellNode.Pipeline pl) {
            status = pipeline(pl, p, ctx);
        } else if (node instanceof ShellNode.Background b) {
            status = background(b.node(), p, ctx, GuestRun.Job.GROUP);
        } else if (node instanceof ShellNode.If i) {
            status = ifCommand(i, p, ctx);
        } else if (node instanceof ShellNode.Loop l) {
            status = loop(l, p, ctx);
        } else if (node instanceof ShellNode.For f) {
            status = forCommand(f, p, ctx);
        } else if (node instanceof ShellNode.Case c) {
            words(List.of(c.subject()), p, ctx);
            status = UNKNOWN;
        } else if (node instanceof ShellNode.Group g) {
            status = group(g, p, ctx);
        } else if (node instanceof ShellNode.Function f) {
            p.functions.put(f.name(), f.body());
            status = 0;
        } else {
            status = UNKNOWN;
        }
        if (ctx.certain()) {
            p.status = status;
        }
        return status;
    }

    private int sequence(ShellNode.Sequence s, ShellProcess p, Ctx ctx) {
        int status = 0;
        for (ShellNode node : s.nodes()) {
            status = exec(node, p, ctx);
            errexit(status, node, p, ctx);
        }
        return status;
    }

    /** set -e: a simple command, pipeline or group that fails ends the shell, outside conditions and && / ||. */
    private void errexit(int status, ShellNode node, ShellProcess p, Ctx ctx) {
        if (p.errexit && ctx.certain() && !ctx.inCondition() && status != 0 && status != UNKNOWN
                && !(node instanceof ShellNode.AndOr) && !(node instanceof ShellNode.Pipeline pl && pl.negated())) {
            throw new Exit(status);
        }
    }

    private int andOr(ShellNode.AndOr a, ShellProcess p, Ctx ctx) {
        int status = exec(a.items().get(0), p, ctx.condition());
        boolean sure = ctx.certain();
        for (int i = 1; i < a.items().size(); i++) {
            boolean and = a.ops().get(i - 1).equals("&&");
            boolean last = i == a.items().size() - 1;
            if (status == UNKNOWN) {
                sure = false;
            } else if (and ? status != 0 : status == 0) {
                continue;
            }
            Ctx itemCtx = sure ? ctx : ctx.maybe();
            int result = exec(a.items().get(i), p, last ? itemCtx : itemCtx.condition());
            status = sure ? result : UNKNOWN;
            if (last) {
                errexit(status, a.items().get(i), p, itemCtx);
            }
        }
        return status;
    }

    private int pipeline(ShellNode.Pipeline pl, ShellProcess p, Ctx ctx) {
        String stdin = ctx.stdin();
        int status = 0;
        int failed = 0;
        for (int i = 0; i < pl.commands().size(); i++) {
            boolean last = i == pl.commands().size() - 1;
            StringBuilder captured = new StringBuilder();
            Fds fds = ctx.fds().copy();
            if (!last) {
                fds.out = new Sink.Capture(captured);
            }
            // Each part of a pipeline runs in a subshell; only the last one's status counts.
            ShellProcess part = pl.commands().size() == 1 ? p : p.subshell();
            try {
                status = exec(pl.commands().get(i), part, ctx.with(fds, stdin));
            } catch (Exit exit) {
                status = exit.status;
            }
            stdin = captured.toString();
            failed = status != 0 && status != UNKNOWN ? status : failed;
        }
        if (p.pipefail && failed != 0 && status != UNKNOWN) {
            // set -o pipefail: the last command that failed gives the pipeline's status.
            status = failed;
        }
        if (pl.negated()) {
            return status == UNKNOWN ? UNKNOWN : status == 0 ? 1 : 0;
        }
        return status;
    }

    /** cmd &: runs on its own time line from now, in a subshell; the script goes on at once. */
    int background(ShellNode node, ShellProcess p, Ctx ctx, GuestRun.Job job) {
        Cursor own = new Cursor(ctx.cursor().now);
        GuestRun.Job level = ctx.job() == GuestRun.Job.DETACHED ? GuestRun.Job.DETACHED : job;
        if (ctx.certain()) {
            p.jobs.add(own);
        }
        try {
            exec(node, p.subshell(), ctx.in(own, level));
        } catch (Exit | Return | LoopControl ended) {
            // The background job ended; the script does not notice.
        } catch (Halt halted) {
            own.now = Double.POSITIVE_INFINITY;
        }
        return 0;
    }

    private int ifCommand(ShellNode.If node, ShellProcess p, Ctx ctx) {
        boolean sure = ctx.certain();
        boolean anyTaken = false;
        for (int i = 0; i < node.conditions().size(); i++) {
            Ctx branch = sure ? ctx : ctx.maybe();
            int status = exec(node.conditions().get(i), p, branch.condition());
            if (status == 0 && sure) {
                return exec(node.bodies().get(i), p, ctx);
            }
            if (status == UNKNOWN || !sure) {
                exec(node.bodies().get(i), p, ctx.maybe());
                sure = false;
                anyTaken = true;
            }
        }
        if (node.elseBody() != null) {
            return exec(node.elseBody(), p, sure ? ctx : ctx.maybe());
        }
        return anyTaken ? UNKNOWN : 0;
    }

    private int loop(ShellNode.Loop l, ShellProcess p, Ctx ctx) {
        int status = exec(l.condition(), p, ctx.condition());
        boolean never = status != UNKNOWN && (l.until() ? status == 0 : status != 0);
        if (!never) {
            // How often the body runs is not known: it runs "maybe", once.
            try {
                exec(l.body(), p, ctx.maybe());
            } catch (LoopControl control) {
                // break or continue in the body.
            }
        }
        return never ? 0 : UNKNOWN;
    }

    private int forCommand(ShellNode.For f, ShellProcess p, Ctx ctx) {
        if (f.name() == null) {
            exec(f.body(), p, ctx.maybe());
            return UNKNOWN;
        }
        List<String> items;
        boolean known;
        if (f.words() == null) {
            items = p.args;
            known = true;
        } else {
            Words w = words(f.words(), p, ctx);
            items = w.values;
            known = w.certain;
        }
        if (!known || items.size() > 1000) {
            p.assign(f.name(), "", false);
            try {
                exec(f.body(), p, ctx.maybe());
            } catch (LoopControl control) {
                // break or continue
            }
            return UNKNOWN;
        }
        int status = 0;
        for (String item : items) {
            p.assign(f.name(), item, ctx.certain());
            try {
                status = exec(f.body(), p, ctx);
            } catch (LoopControl control) {
                if (!control.next) {
                    break;
                }
            }
        }
        return status;
    }

    private int group(ShellNode.Group g, ShellProcess p, Ctx ctx) {
        ShellRedirections.Redirected r = io.redirect(g.redirects(), p, ctx);
        Ctx inner = ctx.with(r.fds(), r.stdin());
        if (!g.subshell()) {
            return exec(g.body(), p, inner);
        }
        ShellProcess sub = p.subshell();
        sub.fds = r.fds();
        try {
            return exec(g.body(), sub, inner);
        } catch (Exit exit) {
            return exit.status;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Simple commands, expansion and redirections

    /** Expanded words, and whether the model is sure of all of them. */
    record Words(List<String> values, List<Boolean> sure, boolean certain) {
        Words(List<String> values, boolean certain) {
            this(values, java.util.Collections.nCopies(values.size(), certain), certain);
        }
    }

    Words words(List<ShellNode.Word> raw, ShellProcess p, Ctx ctx) {
        List<String> values = new ArrayList<>();
        List<Boolean> sure = new ArrayList<>();
        boolean certain = true;
        for (ShellNode.Word w : raw) {
            ShellWords.Result r = ShellWords.expand(w, scope(p, ctx), true);
            values.addAll(r.fields());
            r.fields().forEach(f -> sure.add(r.certain()));
            certain &= r.certain();
        }
        return new Words(values, sure, certain);
    }

    ShellWords.Result single(ShellNode.Word word, ShellProcess p, Ctx ctx) {
        return ShellWords.single(word, scope(p, ctx));
    }

    private int simple(ShellNode.Simple s, ShellProcess p, Ctx ctx) {
        try {
            int before = substitutions;
            Map<String, ShellWords.Var> prefix = new LinkedHashMap<>();
            for (ShellNode.Word a : s.assignments()) {
                int eq = a.raw().indexOf('=');
                boolean append = a.raw().charAt(eq - 1) == '+';
                String name = a.raw().substring(0, append ? eq - 1 : eq).replaceFirst("\\[.*", "");
                String raw = a.raw().substring(eq + 1);
                ShellWords.Result value = raw.startsWith("(")
                        ? new ShellWords.Result(List.of(""), false)
                        : single(new ShellNode.Word(raw, a.line()), p, ctx);
                String text = value.fields().isEmpty() ? "" : value.fields().get(0);
                ShellWords.Var old = p.vars.get(name);
                if (append && old != null) {
                    text = old.value() + text;
                }
                prefix.put(name, new ShellWords.Var(text, value.certain() && ctx.certain(), true));
            }
            Words argv = words(s.words(), p, ctx);
            ShellRedirections.Redirected r = io.redirect(s.redirects(), p, ctx);
            if (argv.values.equals(List.of("exec"))) {
                // exec with redirections only: they stay for the rest of the shell (exec >log 2>&1).
                ctx.fds().out = r.fds().out;
                ctx.fds().err = r.fds().err;
                return 0;
            }
            if (argv.values.isEmpty()) {
                prefix.forEach((name, v) -> p.assign(name, v.value(), v.certain()));
                return substitutions > before ? UNKNOWN : 0;
            }
            return commands.run(argv, prefix, p, ctx.with(r.fds(), r.stdin()), s.line());
        } catch (Dropped dropped) {
            return UNKNOWN;
        }
    }

    /** A file the script wrote, by the name it is run by. */
    GuestFile file(String name) {
        GuestFile file = files.get(name);
        if (file == null && name.startsWith("./")) {
            file = files.get(name.substring(2));
        }
        return file;
    }

    /**
     * The stand-in for a command substitution's output: its own text, except mktemp's, which is unique and looks
     * like mktemp's (/tmp/tmp.XXXXXXXXXX), so that a file written to "$(mktemp)" is found again by that name.
     */
    private String opaque(String command) {
        int n = ++substitutions;
        Matcher template = Pattern.compile("\\$\\(\\s*mktemp\\b[^)]*?(\\S*X{3,})?\\s*\\)").matcher(command);
        if (template.matches()) {
            String t = template.group(1) == null ? "/tmp/tmp.XXXXXXXXXX" : template.group(1);
            String digits = String.format("%0" + (t.length() - t.replaceAll("X+$", "").length()) + "d", n);
            return t.replaceAll("X+$", digits);
        }
        // What the command prints is not known; its text stands for it.
        return command;
    }

    /** The scope expansion reads through: the process's variables, and bash's failures on the process's stderr. */
    ShellWords.Scope scope(ShellProcess p, Ctx ctx) {
        return new ShellWords.Scope() {
            @Override
            public ShellWords.Var get(String name) {
                return p.vars.get(name);
            }

            @Override
            public boolean knownUnset(String name) {
                return p.knownUnset(name);
            }

            @Override
            public boolean nounset() {
                return p.nounset;
            }

            @Override
            public void assign(String name, String value, boolean certain) {
                p.assign(name, value, certain && ctx.certain());
            }

            @Override
            public List<String> positional() {
                return p.args;
            }

            @Override
            public String special(char c) {
                return switch (c) {
                    case '0' -> p.name;
                    case '?' -> p.status == UNKNOWN ? null : String.valueOf(p.status);
                    case '-' -> (p.errexit ? "e" : "") + (p.nounset ? "u" : "") + "hB";
                    default -> null;
                };
            }

            @Override
            public String substitute(String command) {
                return opaque(command);
            }

            @Override
            public RuntimeException expansionError(String name, String message, int line) {
                if (!ctx.certain()) {
                    return new Dropped();
                }
                // bash writes the error to the shell's own stderr, before the command's redirections apply.
                io.write(ctx, ctx.fds().err, p.name + ": line " + line + ": " + name + ": " + message + "\n");
                return new Exit(1);
            }
        };
    }
}

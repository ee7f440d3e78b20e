package dev.imagebaker.azureimage.emulator;

import dev.imagebaker.azureimage.emulator.GuestShell.GuestFile;
import dev.imagebaker.azureimage.emulator.GuestShell.Words;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Ctx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the emulated Linux guest runs a simple command: a function, one of the bash builtins it models (echo,
 * printf, read, set, export, exit, eval, source...), or a program ({@link ShellPrograms}).
 */
final class ShellCommands {
    private static final int UNKNOWN = GuestShell.UNKNOWN;
    private final GuestShell shell;

    ShellCommands(GuestShell shell) {
        this.shell = shell;
    }

    /** A simple command after expansion: a function, a builtin, or another program. */
    int run(Words argv, Map<String, ShellWords.Var> prefix, ShellProcess p, Ctx ctx, int line) {
        String cmd = argv.values().get(0);
        if (!argv.sure().get(0)) {
            // A name the model is not sure of can still be a file the script wrote ("$(mktemp)" kept in $path).
            return shell.file(cmd) == null ? UNKNOWN : shell.programs.program(argv.values(), argv.sure(), env(p, prefix), p, ctx);
        }
        List<String> args = argv.values().subList(1, argv.values().size());
        List<Boolean> sure = argv.sure().subList(1, argv.sure().size());
        if (!cmd.contains("/") && p.functions.containsKey(cmd)) {
            return call(p.functions.get(cmd), args, p, ctx);
        }
        Integer status = builtin(cmd, args, sure, p, ctx, line);
        if (status != null) {
            return status;
        }
        return shell.programs.program(argv.values(), argv.sure(), env(p, prefix), p, ctx);
    }

    private static Map<String, ShellWords.Var> env(ShellProcess p, Map<String, ShellWords.Var> prefix) {
        Map<String, ShellWords.Var> env = p.exported();
        env.putAll(prefix);
        return env;
    }

    private int call(ShellNode body, List<String> args, ShellProcess p, Ctx ctx) {
        List<String> saved = p.args;
        p.args = new ArrayList<>(args);
        try {
            return shell.exec(body, p, ctx);
        } catch (ShellRuntime.Return r) {
            return r.status;
        } finally {
            p.args = saved;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Builtins

    private Integer builtin(String cmd, List<String> args, List<Boolean> sure, ShellProcess p, Ctx ctx, int line) {
        switch (cmd) {
            case "echo":
                shell.io.write(ctx, ctx.fds().out, echo(args));
                return 0;
            case "printf":
                return printf(args, p, ctx);
            case "read":
                return read(args, p, ctx);
            case "true", ":":
                return 0;
            case "false":
                return 1;
            case "test":
                return ShellConditions.evaluate(args, sure);
            case "[":
                return ShellConditions.evaluate(args.subList(0, Math.max(0, args.size() - 1)),
                        sure.subList(0, Math.max(0, sure.size() - 1)));
            case "[[":
                return ShellConditions.evaluate(args.subList(0, Math.max(0, args.size() - 1)),
                        sure.subList(0, Math.max(0, sure.size() - 1)));
            case "exit":
                if (ctx.certain()) {
                    throw new ShellRuntime.Exit(args.isEmpty() ? p.status : number(args.get(0), UNKNOWN));
                }
                return UNKNOWN;
            case "return":
                if (ctx.certain()) {
                    throw new ShellRuntime.Return(args.isEmpty() ? p.status : number(args.get(0), UNKNOWN));
                }
                return UNKNOWN;
            case "break", "continue":
                if (ctx.certain()) {
                    throw new ShellRuntime.LoopControl(cmd.equals("continue"));
                }
                return UNKNOWN;
            case "set":
                int dashes = args.indexOf("--");
                if (dashes >= 0) {
                    p.args = new ArrayList<>(args.subList(dashes + 1, args.size()));
                }
                shell.options(p, dashes >= 0 ? args.subList(0, dashes) : args);
                return 0;
            case "shift":
                int n = args.isEmpty() ? 1 : number(args.get(0), 1);
                p.args = new ArrayList<>(p.args.subList(Math.min(n, p.args.size()), p.args.size()));
                return 0;
            case "export", "readonly", "declare", "typeset", "local":
                declare(cmd, args, sure, p, ctx);
                return 0;
            case "unset":
                boolean functions = args.contains("-f");
                for (String name : args) {
                    if (!name.startsWith("-")) {
                        if (functions) {
                            p.functions.remove(name);
                        } else if (ctx.certain()) {
                            p.vars.remove(name);
                            p.unsetNames.add(name);
                        }
                    }
                }
                return 0;
            case "eval":
                return source(String.join(" ", args), line, p, ctx);
            case "source", ".":
                GuestFile file = args.isEmpty() ? null : shell.file(args.get(0));
                if (file == null) {
                    return UNKNOWN;
                }
                List<String> saved = p.args;
                p.args = new ArrayList<>(args.subList(1, args.size()));
                try {
                    return source(file.text(), 1, p, file.certain() ? ctx : ctx.maybe());
                } finally {
                    p.args = saved;
                }
            case "wait":
                if (ctx.certain()) {
                    for (ShellRuntime.Cursor job : p.jobs) {
                        if (job.now == Double.POSITIVE_INFINITY) {
                            throw new ShellRuntime.Halt();
                        }
                        ctx.cursor().now = Math.max(ctx.cursor().now, job.now);
                    }
                }
                return 0;
            case "command":
                if (!args.isEmpty() && (args.get(0).equals("-v") || args.get(0).equals("-V"))) {
                    return UNKNOWN;
                }
                return args.isEmpty() ? 0 : run(new Words(args, sure, true), Map.of(), p, ctx, line);
            case "exec":
                int status = run(new Words(args, sure, true), Map.of(), p, ctx, line);
                if (ctx.certain()) {
                    throw new ShellRuntime.Exit(status);
                }
                return UNKNOWN;
            case "trap":
                // trap 'commands' EXIT (or 0): kept to run when the shell exits; other signals are not modelled.
                if (args.size() >= 2 && (args.subList(1, args.size()).contains("EXIT") || args.contains("0"))
                        && ctx.certain()) {
                    p.exitTrap = args.get(0);
                }
                return 0;
            case "disown", "shopt", "alias", "hash", "ulimit", "builtin", "pushd", "popd", "cd", "umask":
                return 0;
            default:
                return null;
        }
    }

    private static int number(String s, int otherwise) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Runs text in this same shell (eval, source): same variables, same options; line numbers from line on. */
    int source(String text, int line, ShellProcess p, Ctx ctx) {
        ShellNode node;
        try {
            node = ShellParser.parse(text, line - 1);
        } catch (ShellLexer.SyntaxError unparsed) {
            return UNKNOWN;
        }
        p.texts.add(text);
        return shell.exec(node, p, ctx);
    }

    static String echo(List<String> args) {
        int i = 0;
        boolean newline = true;
        boolean escapes = false;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            newline &= !args.get(i).contains("n");
            escapes = args.get(i).contains("e") || escapes && !args.get(i).contains("E");
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        return (escapes ? escapes(text) : text) + (newline ? "\n" : "");
    }

    private static String escapes(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** printf FORMAT ARGS: %s %d %i %b %c %x %% with flags and width; the format repeats while arguments remain. */
    int printf(List<String> args, ShellProcess p, Ctx ctx) {
        String variable = null;
        List<String> rest = args;
        if (rest.size() >= 2 && rest.get(0).equals("-v")) {
            variable = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (!rest.isEmpty() && rest.get(0).equals("--")) {
            rest = rest.subList(1, rest.size());
        }
        if (rest.isEmpty()) {
            return 2;
        }
        String format = escapes(rest.get(0));
        List<String> values = rest.subList(1, rest.size());
        StringBuilder out = new StringBuilder();
        Pattern spec = Pattern.compile("%([-+ 0#]*)(\\d*)(?:\\.(\\d+))?([sdibcxXuo%])");
        int used = 0;
        do {
            Matcher m = spec.matcher(format);
            int last = 0;
            int consumed = 0;
            while (m.find()) {
                out.append(format, last, m.start());
                last = m.end();
                char conversion = m.group(4).charAt(0);
                if (conversion == '%') {
                    out.append('%');
                    continue;
                }
                String value = used < values.size() ? values.get(used) : "";
                used++;
                consumed++;
                out.append(conversion(m.group(1), m.group(2), m.group(3), conversion, value));
            }
            out.append(format.substring(last));
            if (consumed == 0) {
                break;
            }
        } while (used < values.size());
        if (variable != null) {
            p.assign(variable, out.toString(), ctx.certain());
        } else {
            shell.io.write(ctx, ctx.fds().out, out.toString());
        }
        return 0;
    }

    private static String conversion(String flags, String width, String precision, char conversion, String value) {
        String text = switch (conversion) {
            case 'd', 'i', 'u' -> String.valueOf(number(value, 0));
            case 'x' -> Integer.toHexString(number(value, 0));
            case 'X' -> Integer.toHexString(number(value, 0)).toUpperCase(java.util.Locale.ROOT);
            case 'o' -> Integer.toOctalString(number(value, 0));
            case 'c' -> value.isEmpty() ? "" : value.substring(0, 1);
            case 'b' -> escapes(value);
            default -> precision == null ? value : value.substring(0, Math.min(value.length(),
                    Integer.parseInt(precision)));
        };
        if (width.isEmpty()) {
            return text;
        }
        int w = Integer.parseInt(width);
        String pad = " ".repeat(Math.max(0, w - text.length()));
        return flags.contains("-") ? text + pad : (flags.contains("0") && conversion != 's'
                ? pad.replace(' ', '0') : pad) + text;
    }

    /** read: with a here-document or pipe it reads a line; otherwise stdin is at its end (status 1, names empty). */
    private int read(List<String> args, ShellProcess p, Ctx ctx) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.matches("-[ptndNua]")) {
                i++;
            } else if (!a.startsWith("-")) {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            names.add("REPLY");
        }
        String stdin = ctx.stdin();
        boolean got = stdin != null && !stdin.isEmpty();
        String line = got ? stdin.split("\n", -1)[0] : "";
        String[] fields = line.trim().split("[ \\t]+", names.size());
        for (int i = 0; i < names.size(); i++) {
            p.assign(names.get(i), i < fields.length ? fields[i] : "", ctx.certain());
        }
        return got ? 0 : 1;
    }

    private void declare(String cmd, List<String> args, List<Boolean> sure, ShellProcess p, Ctx ctx) {
        boolean export = cmd.equals("export");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") || a.startsWith("+")) {
                export |= a.startsWith("-") && a.contains("x");
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (eq >= 0) {
                p.assign(name, a.substring(eq + 1), sure.get(i) && ctx.certain());
            } else if (!p.vars.containsKey(name) && !export) {
                p.assign(name, "", ctx.certain());
            }
            if (export) {
                p.export(name);
            }
        }
    }
}

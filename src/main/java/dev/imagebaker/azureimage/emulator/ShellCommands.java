package dev.imagebaker.azureimage.emulator;

import dev.imagebaker.azureimage.emulator.GuestShell.Ctx;
import dev.imagebaker.azureimage.emulator.GuestShell.GuestFile;
import dev.imagebaker.azureimage.emulator.GuestShell.Process;
import dev.imagebaker.azureimage.emulator.GuestShell.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands the emulated Linux guest models: bash builtins that change the shell or print (echo, printf,
 * read, set, export, exit...), the programs that start other programs (bash, sudo, su, nohup, setsid,
 * systemd-run, at, env...), sleep, and the ones Azure can observe (waagent -deprovision, shutdown). Any other
 * command is accepted silently: it succeeds and prints nothing; inside a condition its result is not known.
 */
final class ShellCommands {
    private static final int UNKNOWN = GuestShell.UNKNOWN;
    /** Commands whose success a script can count on; other unknown commands decide nothing in a condition. */
    private static final Set<String> RELIABLE = Set.of("mkdir", "chmod", "chown", "install", "touch", "cp", "mv",
            "ln", "rm", "cd", "umask", "sync", "logger", "usermod", "chgrp");
    private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d+)?)([smhd]?)$");
    private static final Pattern LINUX_DEPROVISION = Pattern.compile("waagent\\b[^\\n]*-deprovision");
    private static final Pattern POWER_OFF = Pattern.compile("\\b(shutdown|poweroff|halt)\\b");
    private final GuestShell shell;

    ShellCommands(GuestShell shell) {
        this.shell = shell;
    }

    /** A simple command after expansion: a function, a builtin, or another program. */
    int run(Words argv, Map<String, ShellWords.Var> prefix, Process p, Ctx ctx, int line) {
        String cmd = argv.values().get(0);
        if (!argv.sure().get(0)) {
            // A name the model is not sure of can still be a file the script wrote ("$(mktemp)" kept in $path).
            return file(cmd) == null ? UNKNOWN : program(argv.values(), argv.sure(), env(p, prefix), p, ctx);
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
        return program(argv.values(), argv.sure(), env(p, prefix), p, ctx);
    }

    private static Map<String, ShellWords.Var> env(Process p, Map<String, ShellWords.Var> prefix) {
        Map<String, ShellWords.Var> env = p.exported();
        env.putAll(prefix);
        return env;
    }

    private int call(ShellNode body, List<String> args, Process p, Ctx ctx) {
        List<String> saved = p.args;
        p.args = new ArrayList<>(args);
        try {
            return shell.exec(body, p, ctx);
        } catch (GuestShell.Return r) {
            return r.status;
        } finally {
            p.args = saved;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Builtins

    private Integer builtin(String cmd, List<String> args, List<Boolean> sure, Process p, Ctx ctx, int line) {
        switch (cmd) {
            case "echo":
                shell.write(ctx, ctx.fds().out, echo(args));
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
                    throw new GuestShell.Exit(args.isEmpty() ? p.status : number(args.get(0), UNKNOWN));
                }
                return UNKNOWN;
            case "return":
                if (ctx.certain()) {
                    throw new GuestShell.Return(args.isEmpty() ? p.status : number(args.get(0), UNKNOWN));
                }
                return UNKNOWN;
            case "break", "continue":
                if (ctx.certain()) {
                    throw new GuestShell.LoopControl(cmd.equals("continue"));
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
                GuestFile file = args.isEmpty() ? null : file(args.get(0));
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
                    for (GuestShell.Cursor job : p.jobs) {
                        if (job.now == Double.POSITIVE_INFINITY) {
                            throw new GuestShell.Halt();
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
                    throw new GuestShell.Exit(status);
                }
                return UNKNOWN;
            case "disown", "trap", "shopt", "alias", "hash", "ulimit", "builtin", "pushd", "popd", "cd", "umask":
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
    private int source(String text, int line, Process p, Ctx ctx) {
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
    private int printf(List<String> args, Process p, Ctx ctx) {
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
            shell.write(ctx, ctx.fds().out, out.toString());
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
    private int read(List<String> args, Process p, Ctx ctx) {
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

    private void declare(String cmd, List<String> args, List<Boolean> sure, Process p, Ctx ctx) {
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

    // ---------------------------------------------------------------------------------------------------------
    // Programs

    /** A file the script wrote, by the name it is run by. */
    private GuestFile file(String name) {
        GuestFile file = shell.files.get(name);
        if (file == null && name.startsWith("./")) {
            file = shell.files.get(name.substring(2));
        }
        return file;
    }

    /** Another program, started with env as its environment. */
    int program(List<String> argv, List<Boolean> sure, Map<String, ShellWords.Var> env, Process p, Ctx ctx) {
        if (argv.isEmpty()) {
            return 0;
        }
        String cmd = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        List<Boolean> argsSure = sure.subList(1, sure.size());
        GuestFile file = file(cmd);
        if (file != null) {
            return shell.spawn(file.text(), cmd, args, env, file.certain() ? ctx : ctx.maybe(), List.of());
        }
        if (!sure.get(0)) {
            return UNKNOWN;
        }
        String name = cmd.substring(cmd.lastIndexOf('/') + 1);
        switch (name) {
            case "echo":
                shell.write(ctx, ctx.fds().out, echo(args));
                return 0;
            case "printf":
                return printf(args, p, ctx);
            case "true":
                return 0;
            case "false":
                return 1;
            case "cat":
                return cat(args, ctx);
            case "tee":
                return tee(args, ctx);
            case "sleep":
                return sleep(args, ctx);
            case "bash", "sh", "dash":
                return shellProgram(name, args, env, ctx);
            case "sudo":
                return sudo(args, argsSure, env, p, ctx);
            case "su":
                return su(args, env, ctx);
            case "nohup", "nice", "ionice", "stdbuf", "time", "chrt":
                int from = commandStart(args);
                return program(args.subList(from, args.size()), argsSure.subList(from, argsSure.size()), env, p,
                        ctx);
            case "env":
                return envProgram(args, argsSure, env, p, ctx);
            case "setsid":
                return setsid(args, argsSure, env, p, ctx);
            case "systemd-run":
                return systemdRun(args, argsSure, p, ctx);
            case "at", "batch":
                return at(args, env, ctx);
            case "timeout":
                return timeout(args, argsSure, env, p, ctx);
            case "waagent":
                if (args.stream().anyMatch(a -> a.startsWith("-deprovision"))) {
                    deprovision(ctx);
                }
                return 0;
            case "shutdown":
                return shutdown(args, ctx);
            case "poweroff", "halt":
                powerOff(ctx, 0);
                return 0;
            case "systemctl":
                if (args.contains("poweroff") || args.contains("halt")) {
                    powerOff(ctx, 0);
                }
                return args.stream().anyMatch(a -> a.startsWith("is-")) ? UNKNOWN : 0;
            case "init", "telinit":
                if (args.contains("0")) {
                    powerOff(ctx, 0);
                }
                return 0;
            default:
                return ctx.inCondition() && !RELIABLE.contains(name) ? UNKNOWN : 0;
        }
    }

    /** nohup, nice and the like: where the command starts after their own options. */
    private static int commandStart(List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            i += args.get(i).matches("-[ncp]") ? 2 : 1;
        }
        return Math.min(i, args.size());
    }

    private int cat(List<String> args, Ctx ctx) {
        List<String> files = args.stream().filter(a -> !a.startsWith("-") || a.equals("-")).toList();
        if (files.isEmpty()) {
            files = List.of("-");
        }
        for (String f : files) {
            if (f.equals("-")) {
                if (ctx.stdin() != null) {
                    shell.write(ctx, ctx.fds().out, ctx.stdin());
                }
            } else {
                GuestFile file = file(f);
                if (file != null) {
                    shell.write(file.certain() ? ctx : ctx.maybe(), ctx.fds().out, file.text());
                }
            }
        }
        return 0;
    }

    private int tee(List<String> args, Ctx ctx) {
        boolean append = args.contains("-a") || args.contains("--append");
        String content = ctx.stdin() == null ? "" : ctx.stdin();
        for (String f : args) {
            if (!f.startsWith("-")) {
                GuestFile old = shell.files.get(f);
                String text = append && old != null ? old.text() + content : content;
                shell.files.put(f, new GuestFile(text, ctx.certain() && ctx.stdin() != null));
            }
        }
        shell.write(ctx, ctx.fds().out, content);
        return 0;
    }

    /** sleep 5, sleep 1.5, sleep 2m: the script's time goes on; only sure sleeps count. */
    private int sleep(List<String> args, Ctx ctx) {
        double seconds = 0;
        for (String a : args) {
            if (a.equals("infinity") && ctx.certain()) {
                throw new GuestShell.Halt();
            }
            Matcher m = DURATION.matcher(a);
            if (m.matches()) {
                double value = Double.parseDouble(m.group(1));
                seconds += value * switch (m.group(2)) {
                    case "m" -> 60;
                    case "h" -> 3600;
                    case "d" -> 86400;
                    default -> 1;
                };
            }
        }
        if (ctx.certain()) {
            ctx.cursor().now += seconds;
        }
        return 0;
    }

    /** bash/sh [options] [-c string | file] [args]; with neither, the script comes from stdin. */
    private int shellProgram(String name, List<String> args, Map<String, ShellWords.Var> env, Ctx ctx) {
        List<String> options = new ArrayList<>();
        int i = 0;
        String command = null;
        while (i < args.size() && (args.get(i).startsWith("-") || args.get(i).startsWith("+"))) {
            String a = args.get(i++);
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-o") || a.equals("+o")) {
                options.add(a);
                if (i < args.size()) {
                    options.add(args.get(i++));
                }
            } else if (a.startsWith("-") && a.contains("c") && !a.startsWith("--")) {
                options.add(a.replace("c", ""));
                command = i < args.size() ? args.get(i++) : "";
            } else {
                options.add(a);
            }
        }
        if (command != null) {
            String zero = i < args.size() ? args.get(i++) : name;
            return shell.spawn(command, zero, args.subList(i, args.size()), env, ctx.with(ctx.fds(), null), options);
        }
        if (i < args.size()) {
            GuestFile file = file(args.get(i));
            if (file == null) {
                return UNKNOWN;
            }
            return shell.spawn(file.text(), args.get(i), args.subList(i + 1, args.size()), env,
                    file.certain() ? ctx : ctx.maybe(), options);
        }
        if (ctx.stdin() != null) {
            return shell.spawn(ctx.stdin(), name, List.of(), env, ctx.with(ctx.fds(), null), options);
        }
        return UNKNOWN;
    }

    /**
     * sudo [options] [VAR=value...] command: with sudo's default env_reset the command gets a fresh environment,
     * except the names --preserve-env=A,B lists (all of them with -E or a bare --preserve-env), plus VAR=value
     * given on the command line (sudo(8), sudoers(5) env_reset). -b runs the command in the background.
     */
    private int sudo(List<String> args, List<Boolean> sure, Map<String, ShellWords.Var> env, Process p, Ctx ctx) {
        Map<String, ShellWords.Var> kept = new LinkedHashMap<>();
        boolean all = false;
        boolean background = false;
        boolean login = false;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String a = args.get(i++);
            if (a.equals("--")) {
                break;
            } else if (a.equals("-E") || a.equals("--preserve-env")) {
                all = true;
            } else if (a.startsWith("--preserve-env=")) {
                for (String name : a.substring("--preserve-env=".length()).split(",")) {
                    if (env.containsKey(name)) {
                        kept.put(name, env.get(name));
                    }
                }
            } else if (a.matches("-[ugpChDrtTUR]") || a.matches("--(user|group|prompt|close-from|host|chdir"
                    + "|role|type|other-user|command-timeout)")) {
                i++;
            } else if (a.matches("-[A-Za-z]+")) {
                background |= a.contains("b");
                login |= a.contains("i");
                all |= a.contains("E");
            }
        }
        Map<String, ShellWords.Var> childEnv = all && !login ? new LinkedHashMap<>(env) : kept;
        while (i < args.size() && args.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            String a = args.get(i++);
            childEnv.put(a.substring(0, a.indexOf('=')), new ShellWords.Var(a.substring(a.indexOf('=') + 1),
                    sure.get(i - 1), true));
        }
        List<String> command = args.subList(i, args.size());
        List<Boolean> commandSure = sure.subList(i, sure.size());
        if (command.isEmpty()) {
            return 1;
        }
        if (login) {
            command = List.of("bash", "-c", String.join(" ", command));
            commandSure = List.of(true, true, commandSure.stream().allMatch(b -> b));
        }
        List<String> finalCommand = command;
        List<Boolean> finalSure = commandSure;
        if (background) {
            return startedInBackground(ctx, GuestRun.Job.GROUP, c -> program(finalCommand, finalSure, childEnv, p, c));
        }
        return program(finalCommand, finalSure, childEnv, p, ctx);
    }

    /** su [-|-l] [user] [-c command]: a login shell starts from an empty environment, plain su keeps it. */
    private int su(List<String> args, Map<String, ShellWords.Var> env, Ctx ctx) {
        boolean login = false;
        String command = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-") || a.equals("-l") || a.equals("--login")) {
                login = true;
            } else if ((a.equals("-c") || a.equals("--command")) && i + 1 < args.size()) {
                command = args.get(++i);
            } else if (a.equals("-s") && i + 1 < args.size()) {
                i++;
            }
        }
        Map<String, ShellWords.Var> childEnv = login ? new LinkedHashMap<>() : env;
        if (command != null) {
            return shell.spawn(command, "bash", List.of(), childEnv, ctx.with(ctx.fds(), null), List.of());
        }
        return ctx.stdin() == null ? UNKNOWN
                : shell.spawn(ctx.stdin(), "bash", List.of(), childEnv, ctx.with(ctx.fds(), null), List.of());
    }

    private int envProgram(List<String> args, List<Boolean> sure, Map<String, ShellWords.Var> env, Process p,
                           Ctx ctx) {
        Map<String, ShellWords.Var> childEnv = new LinkedHashMap<>(env);
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-i") || a.equals("--ignore-environment") || a.equals("-")) {
                childEnv.clear();
            } else if (a.equals("-u") && i + 1 < args.size()) {
                childEnv.remove(args.get(++i));
            } else if (a.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                childEnv.put(a.substring(0, a.indexOf('=')), new ShellWords.Var(a.substring(a.indexOf('=') + 1),
                        sure.get(i), true));
            } else if (!a.startsWith("-")) {
                break;
            }
        }
        return i >= args.size() ? 0 : program(args.subList(i, args.size()), sure.subList(i, sure.size()), childEnv,
                p, ctx);
    }

    /**
     * setsid runs the command in a new session, out of reach of the run command's process group. It only forks
     * (and returns at once) with -f, or when the caller leads a process group, which a command in a script does
     * not (util-linux setsid(1)); otherwise the script waits for the command.
     */
    private int setsid(List<String> args, List<Boolean> sure, Map<String, ShellWords.Var> env, Process p, Ctx ctx) {
        boolean fork = false;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            fork |= args.get(i).equals("-f") || args.get(i).equals("--fork");
            i++;
        }
        List<String> command = args.subList(i, args.size());
        List<Boolean> commandSure = sure.subList(i, sure.size());
        if (fork) {
            return startedInBackground(ctx, GuestRun.Job.DETACHED, c -> program(command, commandSure, env, p, c));
        }
        return program(command, commandSure, env, p, ctx.in(ctx.cursor(), GuestRun.Job.DETACHED));
    }

    /**
     * systemd-run starts the command as a transient service and returns at once (unless it is told to wait);
     * the service starts from systemd's environment, not the caller's (systemd-run(1)).
     */
    private int systemdRun(List<String> args, List<Boolean> sure, Process p, Ctx ctx) {
        boolean waits = false;
        Map<String, ShellWords.Var> env = new LinkedHashMap<>();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String a = args.get(i++);
            waits |= a.matches("--wait|-P|--pipe|-t|--pty|--scope|-G");
            if (a.equals("-E") || a.equals("--setenv")) {
                String assignment = i < args.size() ? args.get(i++) : "";
                if (assignment.contains("=")) {
                    env.put(assignment.substring(0, assignment.indexOf('=')), new ShellWords.Var(
                            assignment.substring(assignment.indexOf('=') + 1), true, true));
                }
            } else if (a.matches("-[puM]|--(unit|property|uid|gid|description|slice|working-directory|machine)")) {
                i++;
            }
        }
        List<String> command = args.subList(i, args.size());
        List<Boolean> commandSure = sure.subList(i, sure.size());
        Ctx service = ctx.with(new GuestShell.Fds(GuestShell.Sink.NULL, GuestShell.Sink.NULL), null);
        if (waits) {
            return program(command, commandSure, env, p, service.in(ctx.cursor(), GuestRun.Job.DETACHED));
        }
        return startedInBackground(service, GuestRun.Job.DETACHED, c -> program(command, commandSure, env, p, c));
    }

    /**
     * at TIME / batch: the job (read from stdin, or -f file) runs later under /bin/sh with the environment at
     * submission, its output mailed rather than printed (at(1)). "now" and "now + N minutes|hours" are modelled.
     */
    private int at(List<String> args, Map<String, ShellWords.Var> env, Ctx ctx) {
        String job = ctx.stdin();
        double delay = 0;
        String spec = String.join(" ", args);
        Matcher later = Pattern.compile("now\\s*\\+\\s*(\\d+)\\s*(min|minute|minutes|hour|hours)").matcher(spec);
        if (later.find()) {
            delay = Integer.parseInt(later.group(1)) * (later.group(2).startsWith("h") ? 3600 : 60);
        }
        int f = args.indexOf("-f");
        if (f >= 0 && f + 1 < args.size()) {
            GuestFile file = file(args.get(f + 1));
            job = file == null ? null : file.text();
        }
        if (job == null) {
            return 0;
        }
        String script = job;
        double start = ctx.cursor().now + delay;
        Ctx mailed = ctx.with(new GuestShell.Fds(GuestShell.Sink.NULL, GuestShell.Sink.NULL), null);
        GuestShell.Cursor own = new GuestShell.Cursor(start);
        try {
            shell.spawn(script, "sh", List.of(), env, mailed.in(own, GuestRun.Job.DETACHED), List.of());
        } catch (GuestShell.Halt halted) {
            // The job hangs or the guest goes down: the script that queued it does not notice.
        }
        return 0;
    }

    /** timeout DURATION command: the command is stopped after the duration (status 124). */
    private int timeout(List<String> args, List<Boolean> sure, Map<String, ShellWords.Var> env, Process p,
                        Ctx ctx) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            i += args.get(i).matches("-[sk]") ? 2 : 1;
        }
        if (i >= args.size()) {
            return 125;
        }
        Matcher m = DURATION.matcher(args.get(i));
        double limit = m.matches() ? Double.parseDouble(m.group(1)) * switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        } : Double.POSITIVE_INFINITY;
        double start = ctx.cursor().now;
        int status;
        try {
            status = program(args.subList(i + 1, args.size()), sure.subList(i + 1, sure.size()), env, p, ctx);
        } catch (GuestShell.Halt hung) {
            if (limit == Double.POSITIVE_INFINITY) {
                throw hung;
            }
            status = 0;
            ctx.cursor().now = Double.POSITIVE_INFINITY;
        }
        if (ctx.cursor().now - start > limit) {
            ctx.cursor().now = start + limit;
            return 124;
        }
        return status;
    }

    /** Starts work on its own time line from now; the caller goes on at once. */
    private int startedInBackground(Ctx ctx, GuestRun.Job job, java.util.function.ToIntFunction<Ctx> work) {
        GuestShell.Cursor own = new GuestShell.Cursor(ctx.cursor().now);
        GuestRun.Job level = ctx.job() == GuestRun.Job.DETACHED ? GuestRun.Job.DETACHED : job;
        try {
            work.applyAsInt(ctx.in(own, level));
        } catch (GuestShell.Exit | GuestShell.Halt ended) {
            // The background work ended or hangs; the caller does not notice.
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // What Azure sees

    /**
     * waagent -deprovision: the agent stops its own service first, then removes what makes the guest unique
     * (Azure/WALinuxAgent azurelinuxagent/pa/deprovision/default.py: stop_agent_service, then del_dirs). With a
     * SCRIPT_HANG fault the deprovision is stuck: nothing changes and the command never returns.
     */
    void deprovision(Ctx ctx) {
        if (shell.stuck) {
            if (ctx.certain()) {
                throw new GuestShell.Halt();
            }
            return;
        }
        double start = ctx.cursor().now;
        double done = start + Latency.LINUX_DEPROVISION.nominal().toSeconds();
        shell.run.change(start, GuestRun.Effect.AGENT_STOPPED, ctx.job(), start);
        shell.run.change(done, GuestRun.Effect.GENERALIZED, ctx.job(), start);
        if (ctx.certain()) {
            ctx.cursor().now = done;
        }
    }

    /** shutdown [-h|-P] [now|+MINUTES]: without a time systemd waits a minute; -r (reboot) is not modelled. */
    private int shutdown(List<String> args, Ctx ctx) {
        if (args.stream().anyMatch(a -> a.equals("-r") || a.equals("--reboot") || a.equals("-c") || a.equals("-k"))) {
            return 0;
        }
        double delay = 60;
        for (String a : args) {
            if (a.equals("now")) {
                delay = 0;
            } else if (a.matches("\\+\\d+")) {
                delay = Integer.parseInt(a.substring(1)) * 60.0;
            }
        }
        powerOff(ctx, delay);
        return 0;
    }

    /** The guest powers off; a command that does so at once takes the script with it. */
    void powerOff(Ctx ctx, double delay) {
        double now = ctx.cursor().now;
        shell.run.change(now + delay, GuestRun.Effect.POWERED_OFF, ctx.job(), now);
        if (delay == 0 && ctx.certain()) {
            throw new GuestShell.Halt();
        }
    }

    /** For a script beyond the modelled subset: its deprovision and shutdown, found by pattern, run maybe. */
    void effectsByPattern(String text, Ctx ctx) {
        if (LINUX_DEPROVISION.matcher(text).find()) {
            deprovision(ctx);
            if (POWER_OFF.matcher(text).find()) {
                double at = ctx.cursor().now + Latency.LINUX_DEPROVISION.nominal().toSeconds();
                shell.run.change(at, GuestRun.Effect.POWERED_OFF, ctx.job(), ctx.cursor().now);
            }
        }
    }
}

package dev.imagebaker.azureimage.emulator;

import dev.imagebaker.azureimage.emulator.GuestShell.GuestFile;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Ctx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs that start other programs in the emulated Linux guest, with the environment and the time line
 * each gives them: sudo, su, env, setsid, systemd-run, at, timeout. What makes a command detached (returning at
 * once while it goes on) is decided here, from each program's own documentation.
 */
final class ShellLaunchers {
    private static final int UNKNOWN = GuestShell.UNKNOWN;
    private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d+)?)([smhd]?)$");
    private final GuestShell shell;

    ShellLaunchers(GuestShell shell) {
        this.shell = shell;
    }

    /**
     * sudo [options] [VAR=value...] command: with sudo's default env_reset the command gets a fresh environment,
     * except the names --preserve-env=A,B lists (all of them with -E or a bare --preserve-env), plus VAR=value
     * given on the command line (sudo(8), sudoers(5) env_reset). -b runs the command in the background.
     */
    int sudo(List<String> args, List<Boolean> sure, Map<String, ShellWords.Var> env, ShellProcess p, Ctx ctx) {
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
            return startedInBackground(ctx, GuestRun.Job.GROUP, c -> shell.programs.program(finalCommand, finalSure, childEnv, p, c));
        }
        return shell.programs.program(finalCommand, finalSure, childEnv, p, ctx);
    }

    /** su [-|-l] [user] [-c command]: a login shell starts from an empty environment, plain su keeps it. */
    int su(List<String> args, Map<String, ShellWords.Var> env, Ctx ctx) {
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

    int envProgram(List<String> args, List<Boolean> sure, Map<String, ShellWords.Var> env, ShellProcess p,
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
        return i >= args.size() ? 0 : shell.programs.program(args.subList(i, args.size()), sure.subList(i, sure.size()), childEnv,
                p, ctx);
    }

    /**
     * setsid runs the command in a new session, out of reach of the run command's process group. It only forks
     * (and returns at once) with -f, or when the caller leads a process group, which a command in a script does
     * not (util-linux setsid(1)); otherwise the script waits for the command.
     */
    int setsid(List<String> args, List<Boolean> sure, Map<String, ShellWords.Var> env, ShellProcess p, Ctx ctx) {
        boolean fork = false;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            fork |= args.get(i).equals("-f") || args.get(i).equals("--fork");
            i++;
        }
        List<String> command = args.subList(i, args.size());
        List<Boolean> commandSure = sure.subList(i, sure.size());
        if (fork) {
            return startedInBackground(ctx, GuestRun.Job.DETACHED, c -> shell.programs.program(command, commandSure, env, p, c));
        }
        return shell.programs.program(command, commandSure, env, p, ctx.in(ctx.cursor(), GuestRun.Job.DETACHED));
    }

    /**
     * systemd-run starts the command as a transient service and returns at once (unless it is told to wait);
     * the service starts from systemd's environment, not the caller's (systemd-run(1)).
     */
    int systemdRun(List<String> args, List<Boolean> sure, ShellProcess p, Ctx ctx) {
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
        Ctx service = ctx.with(new ShellRuntime.Fds(ShellRuntime.Sink.NULL, ShellRuntime.Sink.NULL), null);
        if (waits) {
            return shell.programs.program(command, commandSure, env, p, service.in(ctx.cursor(), GuestRun.Job.DETACHED));
        }
        return startedInBackground(service, GuestRun.Job.DETACHED, c -> shell.programs.program(command, commandSure, env, p, c));
    }

    /**
     * at TIME / batch: the job (read from stdin, or -f file) runs later under /bin/sh with the environment at
     * submission, its output mailed rather than printed (at(1)). "now" and "now + N minutes|hours" are modelled.
     */
    int at(List<String> args, Map<String, ShellWords.Var> env, Ctx ctx) {
        String job = ctx.stdin();
        double delay = 0;
        String spec = String.join(" ", args);
        Matcher later = Pattern.compile("now\\s*\\+\\s*(\\d+)\\s*(min|minute|minutes|hour|hours)").matcher(spec);
        if (later.find()) {
            delay = Integer.parseInt(later.group(1)) * (later.group(2).startsWith("h") ? 3600 : 60);
        }
        int f = args.indexOf("-f");
        if (f >= 0 && f + 1 < args.size()) {
            GuestFile file = shell.file(args.get(f + 1));
            job = file == null ? null : file.text();
        }
        if (job == null) {
            return 0;
        }
        String script = job;
        double start = ctx.cursor().now + delay;
        Ctx mailed = ctx.with(new ShellRuntime.Fds(ShellRuntime.Sink.NULL, ShellRuntime.Sink.NULL), null);
        ShellRuntime.Cursor own = new ShellRuntime.Cursor(start);
        try {
            shell.spawn(script, "sh", List.of(), env, mailed.in(own, GuestRun.Job.DETACHED), List.of());
        } catch (ShellRuntime.Halt halted) {
            // The job hangs or the guest goes down: the script that queued it does not notice.
        }
        return 0;
    }

    /** timeout DURATION command: the command is stopped after the duration (status 124). */
    int timeout(List<String> args, List<Boolean> sure, Map<String, ShellWords.Var> env, ShellProcess p,
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
            status = shell.programs.program(args.subList(i + 1, args.size()), sure.subList(i + 1, sure.size()), env, p, ctx);
        } catch (ShellRuntime.Halt hung) {
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
        ShellRuntime.Cursor own = new ShellRuntime.Cursor(ctx.cursor().now);
        GuestRun.Job level = ctx.job() == GuestRun.Job.DETACHED ? GuestRun.Job.DETACHED : job;
        try {
            work.applyAsInt(ctx.in(own, level));
        } catch (ShellRuntime.Exit | ShellRuntime.Halt ended) {
            // The background work ended or hangs; the caller does not notice.
        }
        return 0;
    }
}

package dev.imagebaker.azureimage.emulator;

import dev.imagebaker.azureimage.emulator.GuestShell.GuestFile;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Ctx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs the emulated Linux guest models: the ones that start other programs (bash, sudo, su, nohup,
 * setsid, systemd-run, at, env, timeout), cat, tee and sleep, and the ones Azure can observe (waagent
 * -deprovision, shutdown). Any other program is accepted silently: it succeeds and prints nothing; inside a
 * condition its result is not known.
 */
final class ShellPrograms {
    private static final int UNKNOWN = GuestShell.UNKNOWN;
    /** Programs whose success a script can count on; other unknown ones decide nothing in a condition. */
    private static final Set<String> RELIABLE = Set.of("mkdir", "chmod", "chown", "install", "touch", "cp", "mv",
            "ln", "rm", "cd", "umask", "sync", "logger", "usermod", "chgrp");
    private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d+)?)([smhd]?)$");
    private static final Pattern LINUX_DEPROVISION = Pattern.compile("waagent\\b[^\\n]*-deprovision");
    private static final Pattern POWER_OFF = Pattern.compile("\\b(shutdown|poweroff|halt)\\b");
    private final GuestShell shell;

    private final ShellLaunchers launchers;

    ShellPrograms(GuestShell shell) {
        this.shell = shell;
        this.launchers = new ShellLaunchers(shell);
    }

    /** Another program, started with env as its environment. */
    int program(List<String> argv, List<Boolean> sure, Map<String, ShellWords.Var> env, ShellProcess p, Ctx ctx) {
        if (argv.isEmpty()) {
            return 0;
        }
        String cmd = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        List<Boolean> argsSure = sure.subList(1, sure.size());
        GuestFile file = shell.file(cmd);
        if (file != null) {
            return shell.spawn(file.text(), cmd, args, env, file.certain() ? ctx : ctx.maybe(), List.of());
        }
        if (!sure.get(0)) {
            return UNKNOWN;
        }
        String name = cmd.substring(cmd.lastIndexOf('/') + 1);
        switch (name) {
            case "echo":
                shell.io.write(ctx, ctx.fds().out, ShellCommands.echo(args));
                return 0;
            case "printf":
                return shell.commands.printf(args, p, ctx);
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
                return launchers.sudo(args, argsSure, env, p, ctx);
            case "su":
                return launchers.su(args, env, ctx);
            case "nohup", "nice", "ionice", "stdbuf", "time", "chrt":
                int from = commandStart(args);
                return program(args.subList(from, args.size()), argsSure.subList(from, argsSure.size()), env, p,
                        ctx);
            case "env":
                return launchers.envProgram(args, argsSure, env, p, ctx);
            case "setsid":
                return launchers.setsid(args, argsSure, env, p, ctx);
            case "systemd-run":
                return launchers.systemdRun(args, argsSure, p, ctx);
            case "at", "batch":
                return launchers.at(args, env, ctx);
            case "timeout":
                return launchers.timeout(args, argsSure, env, p, ctx);
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
                    shell.io.write(ctx, ctx.fds().out, ctx.stdin());
                }
            } else {
                GuestFile file = shell.file(f);
                if (file != null) {
                    shell.io.write(file.certain() ? ctx : ctx.maybe(), ctx.fds().out, file.text());
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
        shell.io.write(ctx, ctx.fds().out, content);
        return 0;
    }

    /** sleep 5, sleep 1.5, sleep 2m: the script's time goes on; only sure sleeps count. */
    private int sleep(List<String> args, Ctx ctx) {
        double seconds = 0;
        for (String a : args) {
            if (a.equals("infinity") && ctx.certain()) {
                throw new ShellRuntime.Halt();
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
            GuestFile file = shell.file(args.get(i));
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
                throw new ShellRuntime.Halt();
            }
            return;
        }
        double start = ctx.cursor().now;
        double done = start + Latency.LINUX_DEPROVISION.nominal().toSeconds();
        shell.run.change(start, GuestRun.Effect.AGENT_STOPPED, ctx.job(), ctx.started());
        shell.run.change(done, GuestRun.Effect.GENERALIZED, ctx.job(), ctx.started());
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
        shell.run.change(now + delay, GuestRun.Effect.POWERED_OFF, ctx.job(), ctx.started());
        if (delay == 0 && ctx.certain()) {
            throw new ShellRuntime.Halt();
        }
    }

    /** For a script beyond the modelled subset: its deprovision and shutdown, found by pattern, run maybe. */
    void effectsByPattern(String text, Ctx ctx) {
        if (LINUX_DEPROVISION.matcher(text).find()) {
            deprovision(ctx);
            if (POWER_OFF.matcher(text).find()) {
                double at = ctx.cursor().now + Latency.LINUX_DEPROVISION.nominal().toSeconds();
                shell.run.change(at, GuestRun.Effect.POWERED_OFF, ctx.job(), ctx.started());
            }
        }
    }
}

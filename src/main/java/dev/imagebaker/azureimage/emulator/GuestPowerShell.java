package dev.imagebaker.azureimage.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated Windows guest's PowerShell, interpreting a script statically (nothing runs on the host). It binds
 * the run command's parameters as the handler passes them ({@link PowerShellArguments}), then follows the script's
 * top-level statements: Write-Output, Write-Host, echo and bare strings print (expanding $Name and $env:NAME),
 * assignments, Start-Sleep, exit and throw; sysprep /generalize, Stop-Computer and shutdown /s act on the guest;
 * reading ImageState, or sysprep's setuperr.log, gets the guest's state. Blocks (if, foreach, while...) only
 * "maybe" run: their effects on the guest are kept, their output and waits are not, except a loop that polls
 * ImageState, which is followed to its end. Any other command is accepted silently.
 */
final class GuestPowerShell {
    private static final Pattern SYSPREP = Pattern.compile("(?i)sysprep(\\.exe)?\\b.*?/generalize");
    private static final Pattern STATE_ASSIGNMENT = Pattern.compile(
            "(?i)\\$([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\\(\\s*Get-ItemProperty[^\\n]*\\)\\.ImageState");
    private static final Pattern IMAGE_STATE = Pattern.compile("(?is)Setup\\\\State.*ImageState|ImageState.*Setup\\\\State");
    private static final Pattern SETUPERR = Pattern.compile("(?is)Get-Content.*setuperr\\.log|setuperr\\.log.*Get-Content");
    private static final Pattern TAIL = Pattern.compile("(?i)-Tail\\s+(\\d+)");
    private static final Pattern SLEEP = Pattern.compile("(?i)Start-Sleep\\s+(?:-(s|seconds|m|milliseconds)\\s+)?(\\d+(?:\\.\\d+)?)");
    private static final Pattern BASE64 = Pattern.compile("(?i)\\[(?:System\\.)?Text\\.Encoding\\]::(UTF8|ASCII|Unicode)"
            + "\\.GetString\\(\\s*\\[(?:System\\.)?Convert\\]::FromBase64String\\(\\s*\\$([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*\\)");
    private static final String CRLF = "\r\n";

    /** What the guest knows besides the script: the image state over time, and its computer name. */
    interface Guest {
        /** ImageState at a nominal offset from the script's start. */
        String imageState(double at);

        /** Whether a sysprep started before that offset is stuck. */
        boolean sysprepStuck(double at);

        String computerName();
    }

    private final GuestRun run = new GuestRun();
    private final Guest guest;
    private final boolean stuck;
    private final Map<String, String> vars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private double now;
    /** This script's own sysprep, if it starts one: when, and when it is done (infinite if stuck). */
    private double sysprepAt = Double.POSITIVE_INFINITY;
    private double sysprepDone = Double.POSITIVE_INFINITY;

    private GuestPowerShell(Guest guest, boolean stuck) {
        this.guest = guest;
        this.stuck = stuck;
    }

    /** What the guest does with the script and the parameters (public then protected, name to value). */
    static GuestRun interpret(String script, List<Map.Entry<String, String>> parameters, Guest guest, boolean stuck) {
        GuestPowerShell ps = new GuestPowerShell(guest, stuck);
        try {
            int status = ps.script(script, parameters);
            ps.run.ends(ps.now, status);
            if (stuck && !SYSPREP.matcher(script).find()) {
                ps.run.end = null;
            }
        } catch (ShellRuntime.Halt halted) {
            ps.run.end = null;
        }
        return ps.run;
    }

    private int script(String text, List<Map.Entry<String, String>> parameters) {
        String body = PowerShellText.stripComments(text);
        Matcher param = Pattern.compile("(?is)^\\s*((?:\\[[^\\]]*\\]\\s*)*)param\\s*\\(").matcher(body);
        List<PowerShellArguments.Param> declared = List.of();
        boolean advanced = false;
        boolean positional = true;
        if (param.find()) {
            int close = PowerShellText.closing(body, param.end() - 1);
            String block = body.substring(param.end(), close);
            advanced = param.group(1).toLowerCase(Locale.ROOT).contains("cmdletbinding")
                    || block.toLowerCase(Locale.ROOT).contains("[parameter");
            positional = !param.group(1).replace(" ", "").toLowerCase(Locale.ROOT).contains("positionalbinding=$false");
            declared = PowerShellArguments.declarations(block);
            body = body.substring(close + 1);
        }
        StringBuilder parseError = new StringBuilder();
        List<String> tokens = PowerShellArguments.tokens(PowerShellArguments.commandLine(parameters), parseError);
        if (parseError.length() > 0) {
            err(parseError + CRLF + "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException"
                    + CRLF + "    + FullyQualifiedErrorId : AmpersandNotAllowed" + CRLF);
            return 1;
        }
        PowerShellArguments.Binding binding = PowerShellArguments.bind(tokens, declared, advanced, positional);
        if (binding.error() != null) {
            err("script.ps1 : " + binding.error() + CRLF + "    + CategoryInfo          : InvalidArgument: (:) [script.ps1],"
                    + " ParameterBindingException" + CRLF + "    + FullyQualifiedErrorId : " + binding.errorId()
                    + ",script.ps1" + CRLF);
            return 1;
        }
        for (PowerShellArguments.Param p : declared) {
            String value = binding.values().get(PowerShellArguments.key(p));
            vars.put(p.name(), value != null ? value : p.defaultValue() == null ? "" : literal(p.defaultValue()));
        }
        vars.put("args", String.join(" ", binding.extra()));
        for (String statement : PowerShellText.statements(body)) {
            Integer exit = statement(statement);
            if (exit != null) {
                return exit;
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Statements

    /** Runs one top-level statement; returns an exit code when the script ends there. */
    private Integer statement(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        String first = lower.split("[\\s({]", 2)[0];
        if (List.of("while", "do", "for", "foreach", "if", "switch", "function", "try", "trap").contains(first)) {
            return block(s, first);
        }
        if (SYSPREP.matcher(s).find()) {
            sysprep(s, first.equals("start-process") && !lower.contains("-wait"), true);
            return null;
        }
        if (SETUPERR.matcher(s).find()) {
            setupErrors(s, true);
            return null;
        }
        if (first.equals("exit")) {
            String code = s.substring(4).trim();
            return code.isEmpty() ? 0 : parseInt(value(code));
        }
        if (first.equals("throw")) {
            err(value(s.substring(5).trim()) + CRLF);
            return 1;
        }
        Matcher sleep = SLEEP.matcher(s);
        if (first.equals("start-sleep") && sleep.find()) {
            double n = Double.parseDouble(sleep.group(2));
            now += sleep.group(1) != null && sleep.group(1).toLowerCase(Locale.ROOT).startsWith("m") ? n / 1000 : n;
            return null;
        }
        if (first.equals("stop-computer")) {
            powerOff(0, true);
        }
        if (lower.matches("shutdown(\\.exe)?\\s.*/s\\b.*")) {
            Matcher t = Pattern.compile("/t\\s+(\\d+)").matcher(lower);
            powerOff(t.find() ? Integer.parseInt(t.group(1)) : 30, true);
            return null;
        }
        if (s.startsWith("$") && s.matches("(?s)\\$[A-Za-z_][A-Za-z0-9_:]*\\s*=[^=].*")) {
            int eq = s.indexOf('=');
            vars.put(s.substring(1, eq).trim(), value(s.substring(eq + 1).trim()));
            return null;
        }
        if (List.of("write-output", "echo", "write", "write-host", "write-information").contains(first)) {
            print(s.substring(first.length()).trim(), first.equals("write-host"));
            return null;
        }
        if (s.startsWith("\"") || s.startsWith("'") || IMAGE_STATE.matcher(s).find()) {
            out(value(s) + CRLF);
        }
        return null;
    }

    /**
     * A block only maybe runs: its effects on the guest count, its output and waits do not; a try block runs; a
     * loop that polls ImageState is followed to its end.
     */
    private Integer block(String s, String keyword) {
        if ((keyword.equals("while") || keyword.equals("do")) && IMAGE_STATE.matcher(s).find()) {
            return pollImageState(s);
        }
        if (keyword.equals("try")) {
            int open = s.indexOf('{');
            for (String inner : PowerShellText.statements(s.substring(open + 1, PowerShellText.closing(s, open)))) {
                Integer exit = statement(inner);
                if (exit != null) {
                    return exit;
                }
            }
            return null;
        }
        if (SYSPREP.matcher(s).find()) {
            sysprep(s, s.toLowerCase(Locale.ROOT).contains("start-process") && !s.toLowerCase(Locale.ROOT)
                    .contains("-wait"), false);
        }
        if (SETUPERR.matcher(s).find()) {
            setupErrors(s, true);
        }
        if (s.toLowerCase(Locale.ROOT).contains("stop-computer")) {
            powerOff(0, false);
        }
        return null;
    }

    /**
     * while ((Get-ItemProperty HKLM:\...\Setup\State).ImageState -ne 'IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE') {...}:
     * each pass reads the state at that time and prints it; the loop ends on IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE.
     * A loop that breaks out does not print that last state. While sysprep is stuck the loop never ends.
     * The other common shape stores the state ($state = (...).ImageState), prints a line made of it, and leaves with
     * "if ($state -eq '...RESEAL_TO_OOBE') { exit 0 }": the variable holds each state, the printed line is that
     * statement's, and the script ends with that exit code. Returns the exit code, or null when the loop just ends.
     */
    private Integer pollImageState(String loop) {
        Matcher sleep = SLEEP.matcher(loop);
        double interval = 10;
        if (sleep.find()) {
            double n = Double.parseDouble(sleep.group(2));
            interval = sleep.group(1) != null && sleep.group(1).toLowerCase(Locale.ROOT).startsWith("m") ? n / 1000 : n;
        }
        interval = Math.max(interval, 1);
        Matcher printed = Pattern.compile("(?i)\\b(write-output|write-host|echo)\\s+([^;\\n}]+)").matcher(loop);
        String printArgs = printed.find() ? printed.group(2).trim() : null;
        boolean host = printArgs != null && printed.group(1).equalsIgnoreCase("write-host");
        Matcher assigned = STATE_ASSIGNMENT.matcher(loop);
        String variable = assigned.find() ? assigned.group(1) : null;
        Matcher exit = Pattern.compile("(?i)\\bexit\\s+(-?\\d+)").matcher(loop);
        Integer exitCode = exit.find() ? Integer.valueOf(exit.group(1)) : null;
        boolean breaks = Pattern.compile("(?i)\\bbreak\\b").matcher(loop).find();
        // Bounded by a day: the run command's own timeout (90 minutes by default on Windows) ends it far sooner.
        while (now < 24 * 3600) {
            String state = state(now);
            if (variable != null) {
                vars.put(variable, state);
            }
            boolean done = state.equals(WindowsImageState.RESEAL_TO_OOBE);
            if (printArgs != null && (!done || !breaks)) {
                if (variable != null || printArgs.contains("\"")) {
                    print(printArgs, host);
                } else {
                    out(state + CRLF);
                }
            }
            if (done) {
                return exitCode;
            }
            now += interval;
        }
        throw new ShellRuntime.Halt();
    }

    private String state(double at) {
        if (at >= sysprepAt) {
            return at >= sysprepDone ? WindowsImageState.RESEAL_TO_OOBE : WindowsImageState.UNDEPLOYABLE;
        }
        return guest.imageState(at);
    }

    /**
     * sysprep /generalize [/oobe] [/shutdown|/quit] [/mode:vm]: the image state goes to IMAGE_STATE_UNDEPLOYABLE,
     * then, after Latency.WINDOWS_SYSPREP, to IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE (the guest is generalized);
     * /shutdown then powers the VM off, /quit leaves it running with its agent. Started with Start-Process (without
     * -Wait) the script goes on at once; run directly it waits for sysprep. A SCRIPT_HANG fault makes it stuck.
     */
    private void sysprep(String s, boolean detached, boolean sure) {
        GuestRun.Job job = detached ? GuestRun.Job.DETACHED : GuestRun.Job.FOREGROUND;
        double start = now;
        run.change(start, GuestRun.Effect.SYSPREP_STARTED, job, start);
        sysprepAt = Math.min(sysprepAt, start);
        if (stuck) {
            if (sure && !detached) {
                throw new ShellRuntime.Halt();
            }
            return;
        }
        double done = start + Latency.WINDOWS_SYSPREP.nominal().toSeconds();
        sysprepDone = Math.min(sysprepDone, done);
        run.change(done, GuestRun.Effect.GENERALIZED, job, start);
        if (s.toLowerCase(Locale.ROOT).contains("/shutdown")) {
            run.change(done, GuestRun.Effect.POWERED_OFF, job, start);
        }
        if (sure && !detached) {
            now = done;
            if (s.toLowerCase(Locale.ROOT).contains("/shutdown")) {
                throw new ShellRuntime.Halt();
            }
        }
    }

    /**
     * Get-Content ...\Sysprep\Panther\setuperr.log [-Tail N]: while sysprep is stuck the log holds errors. These are
     * the lines Microsoft documents for the most common cause, an Appx package installed for a user but not
     * provisioned for all users (learn.microsoft.com/troubleshoot/windows-client/setup-upgrade-and-drivers/
     * sysprep-fails-remove-or-update-store-apps); otherwise the log is empty.
     */
    private void setupErrors(String s, boolean sure) {
        boolean ownStuck = stuck && now >= sysprepAt;
        if (!sure || !(ownStuck || guest.sysprepStuck(now))) {
            return;
        }
        String stamp = "2026-01-01 00:00:00, Error                 SYSPRP ";
        List<String> lines = List.of(
                stamp + "Package Microsoft.LanguageExperiencePacken-US_19041.1.2.0_neutral__8wekyb3d8bbwe was"
                        + " installed for a user, but not provisioned for all users. This package will not function"
                        + " properly in the sysprep image.",
                stamp + "Failed to remove apps for the current user: 0x80073cf2.",
                stamp + "Exit code of RemoveAllApps thread was 0x3cf2.",
                "2026-01-01 00:00:00, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred"
                        + " while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll;"
                        + " dwRet = 0x3cf2",
                stamp + "SysprepSession::Validate: Error in validating actions from"
                        + " C:\\Windows\\System32\\Sysprep\\ActionFiles\\Generalize.xml; dwRet = 0x3cf2",
                stamp + "RunPlatformActions:Failed while validating Sysprep session actions; dwRet = 0x3cf2",
                "2026-01-01 00:00:00, Error      [0x0f0070] SYSPRP RunExternalDlls:An error occurred while running"
                        + " registry sysprep DLLs, halting sysprep execution. dwRet = 0x3cf2",
                "2026-01-01 00:00:00, Error      [0x0f00d8] SYSPRP WinMain:Hit failure while pre-validate sysprep"
                        + " generalize internal providers; hr = 0x80073cf2");
        Matcher tail = TAIL.matcher(s);
        int n = tail.find() ? Integer.parseInt(tail.group(1)) : lines.size();
        for (String line : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
            out(line + CRLF);
        }
    }

    private void powerOff(double delay, boolean sure) {
        run.change(now + delay, GuestRun.Effect.POWERED_OFF, GuestRun.Job.FOREGROUND, now);
        if (sure && delay == 0) {
            throw new ShellRuntime.Halt();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Values

    private void print(String args, boolean host) {
        List<String> values = new ArrayList<>();
        for (String arg : PowerShellText.arguments(args)) {
            if (!arg.startsWith("-") || arg.startsWith("-\"")) {
                values.add(value(arg));
            }
        }
        out(host ? String.join(" ", values) + CRLF : values.stream().map(v -> v + CRLF).reduce("", String::concat));
    }

    /** The value of an expression: a string, a variable, $env:NAME, ImageState, a base64 decoding, or a word. */
    private String value(String expr) {
        String e = expr.trim();
        if (e.startsWith("(") && e.endsWith(")") && PowerShellText.closing(e, 0) == e.length() - 1) {
            e = e.substring(1, e.length() - 1).trim();
        }
        if (e.startsWith("'") && e.endsWith("'") && e.length() >= 2) {
            return e.substring(1, e.length() - 1).replace("''", "'");
        }
        if (e.startsWith("\"") && e.endsWith("\"") && e.length() >= 2) {
            return expand(e.substring(1, e.length() - 1));
        }
        if (IMAGE_STATE.matcher(e).find()) {
            return state(now);
        }
        Matcher base64 = BASE64.matcher(e);
        if (base64.matches()) {
            try {
                return new String(Base64.getDecoder().decode(vars.getOrDefault(base64.group(2), "").trim()),
                        base64.group(1).equalsIgnoreCase("Unicode") ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return "";
            }
        }
        if (e.startsWith("$")) {
            return variable(e.substring(1).replaceFirst("\\.ImageState$", ""));
        }
        return e;
    }

    private static String literal(String defaultValue) {
        String d = defaultValue.trim();
        return d.length() >= 2 && (d.startsWith("'") || d.startsWith("\"")) ? d.substring(1, d.length() - 1) : d;
    }

    private String variable(String name) {
        String n = name.startsWith("{") && name.endsWith("}") ? name.substring(1, name.length() - 1) : name;
        if (n.regionMatches(true, 0, "env:", 0, 4)) {
            return switch (n.substring(4).toLowerCase(Locale.ROOT)) {
                case "systemroot", "windir" -> "C:\\Windows";
                case "computername" -> guest.computerName();
                case "systemdrive" -> "C:";
                default -> "";
            };
        }
        return vars.getOrDefault(n, "");
    }

    /** "...": $name, ${name}, $env:NAME and $(expression) expand; `n `t `r and `" are escapes. */
    private String expand(String s) {
        StringBuilder out = new StringBuilder();
        Matcher name = Pattern.compile("\\{[^}]+\\}|env:[A-Za-z_][A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*").matcher(s);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '`' && i + 1 < s.length()) {
                char escaped = s.charAt(i + 1);
                out.append(escaped == 'n' ? "\n" : escaped == 't' ? "\t" : escaped == 'r' ? "\r"
                        : String.valueOf(escaped));
                i += 2;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                int close = PowerShellText.closing(s, i + 1);
                out.append(value(s.substring(i + 2, close)));
                i = close + 1;
            } else if (c == '$' && name.find(i + 1) && name.start() == i + 1) {
                out.append(variable(name.group()));
                i = name.end();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void out(String text) {
        run.write(now, GuestRun.Stream.OUT, text, GuestRun.Job.FOREGROUND);
    }

    private void err(String text) {
        run.write(now, GuestRun.Stream.ERR, text, GuestRun.Job.FOREGROUND);
    }
}

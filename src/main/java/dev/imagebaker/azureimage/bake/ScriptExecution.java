package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.ScriptSpec;
import dev.imagebaker.azureimage.config.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A script run as a managed run command: parameters passed as the OS expects them, its output logged, its exit
 * judged against the accepted codes. What provisioning scripts and image tests share.
 */
final class ScriptExecution {
    private static final int TAIL_LINES = 20;
    private static final Pattern PARAM_BLOCK = Pattern.compile("(?im)^\\s*param\\s*\\(");
    private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

    private ScriptExecution() {
    }

    /** How a run ended, judged against the script's accepted exit codes. */
    record Result(ScriptRun run, boolean accepted) {
        boolean timedOut() {
            return "TimedOut".equalsIgnoreCase(run.executionState());
        }

        /** The exit code for a message, or why there is none. */
        String exitCode() {
            return run.exitCode() == null ? "unknown (" + run.executionState() + ")" : run.exitCode().toString();
        }

        /** The last lines of the error output, as a sentence to append; empty when there are none. */
        String errorTail() {
            return tail(run.error());
        }
    }

    static Result run(Cloud cloud, Progress progress, BuildVm vm, String runName, ScriptSpec script, String text,
                      OsType os, Map<String, String> environment, Map<String, Secret> secrets) {
        ScriptRun run = cloud.vms().runScript(vm, runName, withEnvironment(os, environment, secrets, text),
                new ScriptOptions(script.timeout(), script.runAs(), environment, secrets));
        log(progress, run.output(), "");
        log(progress, run.error(), "(stderr) ");
        boolean accepted = run.exitCode() != null && script.exitCodes().contains(run.exitCode())
                && FINISHED.contains(run.executionState());
        if (accepted && run.exitCode() != 0) {
            progress.info("      exit code " + run.exitCode() + " accepted (exitCodes " + script.exitCodes() + ")");
        }
        return new Result(run, accepted);
    }

    /**
     * Windows passes run command parameters as script arguments: a script without its own param() block gets one
     * that turns them into environment variables, as Linux gets them.
     */
    static String withEnvironment(OsType os, Map<String, String> environment, Map<String, Secret> secrets,
                                  String text) {
        if (os != OsType.WINDOWS || PARAM_BLOCK.matcher(text).find()) {
            return text;
        }
        List<String> names = new ArrayList<>(environment.keySet());
        names.addAll(secrets.keySet());
        if (names.isEmpty()) {
            return text;
        }
        StringBuilder preamble = new StringBuilder(paramBlock(names));
        for (String name : names) {
            preamble.append("$env:").append(name).append(" = $").append(name).append('\n');
        }
        return preamble + text;
    }

    /** A PowerShell param() line declaring each name as a string argument. */
    static String paramBlock(Collection<String> names) {
        return "param(" + String.join(", ", names.stream().map(n -> "[string]$" + n).toList()) + ")\n";
    }

    private static void log(Progress progress, String text, String prefix) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String line : text.strip().split("\\R")) {
            progress.info("      | " + prefix + line);
        }
    }

    static String tail(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        List<String> lines = Arrays.asList(error.strip().split("\\R"));
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return " Last lines of its error output:\n  | " + String.join("\n  | ", last);
    }
}

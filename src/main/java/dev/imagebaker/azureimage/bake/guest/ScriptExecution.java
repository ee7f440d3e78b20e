package dev.imagebaker.azureimage.bake.guest;

import dev.imagebaker.azureimage.bake.cloud.BuildVm;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.ExecutionState;
import dev.imagebaker.azureimage.bake.cloud.ScriptOptions;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.ScriptSpec;
import dev.imagebaker.azureimage.config.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A script run as a managed run command: parameters passed as the OS expects them, its output logged, its exit
 * judged against the accepted codes. What provisioning scripts and image tests share.
 */
public final class ScriptExecution {
    private static final int TAIL_LINES = 20;
    private static final Pattern PARAM_BLOCK = Pattern.compile("(?im)^\\s*param\\s*\\(");

    private ScriptExecution() {
    }

    /** How a run ended, judged against the script's accepted exit codes. */
    public record Result(ScriptRun run, boolean accepted) {
        public boolean timedOut() {
            return run.executionState() == ExecutionState.TIMED_OUT;
        }

        /** The exit code for a message, or why there is none. */
        public String exitCode() {
            return run.exitCode() == null ? "unknown (" + run.executionState() + ")" : run.exitCode().toString();
        }

        /** The last lines of the error output, as a sentence to append; empty when there are none. */
        public String errorTail() {
            return tail(run.error());
        }
    }

    public static Result run(Cloud cloud, Progress progress, BuildVm vm, String runName, ScriptSpec script, String text,
                      OsType os, Map<String, String> environment, Map<String, Secret> secrets) {
        ScriptRun run = cloud.vms().runScript(vm, runName, withEnvironment(os, environment, secrets, text),
                new ScriptOptions(script.timeout(), script.runAs(), environment, secrets));
        log(progress, run.output(), "");
        log(progress, run.error(), "(stderr) ");
        boolean accepted = run.exitCode() != null && script.exitCodes().contains(run.exitCode())
                && (run.executionState() == ExecutionState.SUCCEEDED || run.executionState() == ExecutionState.FAILED);
        if (accepted && run.exitCode() != 0) {
            progress.info("      exit code " + run.exitCode() + " accepted (exitCodes " + script.exitCodes() + ")");
        }
        return new Result(run, accepted);
    }

    /**
     * Windows passes run command parameters as script arguments: a script without its own param() block gets one
     * that turns them into environment variables, as Linux gets them.
     */
    public static String withEnvironment(OsType os, Map<String, String> environment, Map<String, Secret> secrets,
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
    public static String paramBlock(Collection<String> names) {
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

    public static String tail(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        List<String> lines = Arrays.asList(error.strip().split("\\R"));
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return " Last lines of its error output:\n  | " + String.join("\n  | ", last);
    }
}

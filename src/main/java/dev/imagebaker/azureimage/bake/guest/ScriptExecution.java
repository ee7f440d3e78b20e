package dev.imagebaker.azureimage.bake.guest;

import dev.imagebaker.azureimage.bake.cloud.BuildVm;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.ExecutionState;
import dev.imagebaker.azureimage.bake.cloud.FileStaging;
import dev.imagebaker.azureimage.bake.cloud.RunCommandRequest;
import dev.imagebaker.azureimage.bake.cloud.ScriptLogs;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.ScriptSpec;
import dev.imagebaker.azureimage.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project script run as a managed run command: wrapped so that it gets its environment and secrets (and runs as
 * its user), its output streamed to the Maven log as it arrives (through append blobs in the staging account, since
 * Azure keeps only the last 4 KB), its exit judged against the accepted codes. What provisioning scripts and image
 * tests share.
 */
public final class ScriptExecution {
    /**
     * Larger scripts travel as a staged blob (scriptUri). Azure documents no limit for an inline script; the run
     * command handlers and the Custom Script Extension hold 256 KiB, and ARM refuses requests over 4 MB.
     */
    static final int INLINE_LIMIT = 256 * 1024;
    private static final int TAIL_LINES = 20;

    private ScriptExecution() {
    }

    /** How a run ended, judged against the script's accepted exit codes. */
    public record Result(ScriptRun run, boolean accepted) {
        /**
         * Azure killed the script at its timeout: the Linux handler reports that as Failed with exit code -1
         * (run-command-handler-linux, internal/exec/exec.go), other handlers as TimedOut.
         */
        public boolean timedOut() {
            return run.executionState() == ExecutionState.TIMED_OUT
                    || run.executionState() == ExecutionState.FAILED && run.exitCode() != null && run.exitCode() == -1;
        }

        /**
         * The handler could not run the script at all: it reports that with its own negative exit codes (-100 the
         * script download failed, -101 the output blobs could not be created, -102 no such runAs user, ...).
         */
        public boolean notRun() {
            return run.exitCode() != null && run.exitCode() < -1;
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

    /** area: the staging account for the script's streams (and large text); null: only Azure's 4 KB tail. */
    public static Result run(Cloud cloud, Progress progress, BuildVm vm, String runName, ScriptSpec script, String text,
                             OsType os, Map<String, String> environment, Map<String, Secret> secrets,
                             FileStaging.StagingArea area) {
        String wrapped = ScriptWrapper.wrap(os, script.name(), text, script.runAs(), environment, secrets.keySet());
        Map<String, Secret> protectedParameters = new LinkedHashMap<>();
        secrets.forEach((name, secret) -> protectedParameters.put(name, os == OsType.WINDOWS
                ? new Secret(ScriptWrapper.windowsValue(secret.reveal())) : secret));
        RunCommandRequest request = request(cloud, area, vm, runName, wrapped, script.timeout(), Map.of(),
                protectedParameters);
        ScriptRun run = cloud.vms().runScript(vm, request, line -> progress.info("      | "
                + (line.error() ? "(stderr) " : "") + line.text()));
        if (request.logs() == null) {
            log(progress, run.output(), "");
            log(progress, run.error(), "(stderr) ");
        }
        boolean accepted = run.exitCode() != null && script.exitCodes().contains(run.exitCode())
                && (run.executionState() == ExecutionState.SUCCEEDED || run.executionState() == ExecutionState.FAILED)
                && !(run.executionState() == ExecutionState.FAILED && run.exitCode() == -1);
        if (accepted && run.exitCode() != 0) {
            progress.info("      exit code " + run.exitCode() + " accepted (exitCodes " + script.exitCodes() + ")");
        }
        return new Result(run, accepted);
    }

    /**
     * A run command for a script: inline, or staged and fetched through a read-only URL when it is too large; its
     * streams into the staging account's logs when there is one.
     */
    public static RunCommandRequest request(Cloud cloud, FileStaging.StagingArea area, BuildVm vm, String runName,
                                            String text, Duration timeout, Map<String, String> parameters,
                                            Map<String, Secret> protectedParameters) {
        ScriptLogs logs = null;
        Secret textUrl = null;
        String inline = text;
        if (area != null) {
            // Valid as long as the script may run, plus Azure's time to report it.
            Duration validity = timeout.plusHours(1);
            // Blob names per VM: test-image runs the same scripts on several VMs.
            logs = cloud.staging().logs(area, vm.name() + "/" + runName, validity);
            if (text.getBytes(StandardCharsets.UTF_8).length > INLINE_LIMIT) {
                String blob = "scripts/" + vm.name() + "/" + runName;
                cloud.staging().uploadText(area, blob, text);
                textUrl = cloud.staging().readUrl(area, blob, validity);
                inline = null;
            }
        }
        return new RunCommandRequest(runName, inline, textUrl, timeout, parameters, protectedParameters, logs);
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

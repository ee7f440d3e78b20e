package dev.imagebaker.azureimage.bake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one provisioning script as a managed run command, synchronously and bounded by the script timeout. Its
 * output is logged; a non-zero exit fails the bake with the script's name, its exit code and the tail of its
 * error output.
 */
final class RunScriptStep implements Step {
    private static final int TAIL_LINES = 20;
    private final Path script;

    RunScriptStep(Path script) {
        this.script = script;
    }

    private String fileName() {
        return script.getFileName().toString();
    }

    @Override
    public String title(BakeContext ctx) {
        return "Run script " + fileName();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public void run(BakeContext ctx) {
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BakeException(title(ctx), script.toString(), null, "Cannot read the script: " + e.getMessage(),
                    "Check that the file is readable UTF-8.", e);
        }
        ScriptRun run = ctx.cloud.vms().runScript(ctx.vm, BuildNames.runName(fileName()), text,
                ctx.config.timeouts().script());
        log(ctx, run.output(), "");
        log(ctx, run.error(), "(stderr) ");
        if (run.succeeded()) {
            return;
        }
        if ("TimedOut".equalsIgnoreCase(run.executionState())) {
            throw new BakeException(title(ctx), resource(ctx), null, "Script " + fileName() + " did not finish"
                    + " within " + dev.imagebaker.azureimage.config.Durations.format(ctx.config.timeouts().script())
                    + "." + tail(run.error()), "Make the script finish (a command waiting for input?), or raise"
                    + " <timeouts><script>.", null);
        }
        throw new BakeException(title(ctx), resource(ctx), null, "Script " + fileName() + " exited with code "
                + (run.exitCode() == null ? "unknown (" + run.executionState() + ")" : run.exitCode()) + "."
                + tail(run.error()), "Fix the script and build again; <keepOnFailure>true</keepOnFailure> keeps the"
                + " build VM for inspection.", null);
    }

    private static void log(BakeContext ctx, String text, String prefix) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String line : text.strip().split("\\R")) {
            ctx.progress.info("      | " + prefix + line);
        }
    }

    private static String tail(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        List<String> lines = Arrays.asList(error.strip().split("\\R"));
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return " Last lines of its error output:\n  | " + String.join("\n  | ", last);
    }
}

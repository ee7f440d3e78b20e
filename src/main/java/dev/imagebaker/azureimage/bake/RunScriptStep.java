package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.ScriptSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one provisioning script as a managed run command, synchronously and bounded by its timeout, with the
 * environment values as parameters and the secrets as protected parameters. Its output is logged; an exit code
 * outside the accepted ones fails the bake with the script's name, its exit code and the tail of its error
 * output.
 */
final class RunScriptStep implements Step {
    private static final int TAIL_LINES = 20;
    private static final Pattern PARAM_BLOCK = Pattern.compile("(?im)^\\s*param\\s*\\(");
    private final ScriptSpec script;

    RunScriptStep(ScriptSpec script) {
        this.script = script;
    }

    @Override
    public String title(BakeContext ctx) {
        return "Run script " + script.name() + (script.file() == null ? " (inline)" : "")
                + (script.runAs() == null ? "" : " as " + script.runAs());
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public void run(BakeContext ctx) {
        String text;
        try {
            text = script.content();
        } catch (IOException e) {
            throw new BakeException(title(ctx), script.name(), null, "Cannot read the script: " + e.getMessage(),
                    "Check that the file is readable UTF-8.", e);
        }
        ScriptRun run = ctx.cloud.vms().runScript(ctx.vm, script.runName(), withEnvironment(ctx, text),
                new ScriptOptions(script.timeout(), script.runAs(), ctx.config.environment(), ctx.config.secrets()));
        log(ctx, run.output(), "");
        log(ctx, run.error(), "(stderr) ");
        if (run.exitCode() != null && script.exitCodes().contains(run.exitCode())
                && "Succeeded|Failed".contains(run.executionState())) {
            if (run.exitCode() != 0) {
                ctx.progress.info("      exit code " + run.exitCode() + " accepted (exitCodes " + script.exitCodes()
                        + ")");
            }
            return;
        }
        if ("TimedOut".equalsIgnoreCase(run.executionState())) {
            throw new BakeException(title(ctx), resource(ctx), null, "Script " + script.name() + " did not finish"
                    + " within " + Durations.format(script.timeout()) + "." + tail(run.error()), "Make the script"
                    + " finish (a command waiting for input?), or raise <timeouts><script> (or this script's"
                    + " <timeout>).", null);
        }
        throw new BakeException(title(ctx), resource(ctx), null, "Script " + script.name() + " exited with code "
                + (run.exitCode() == null ? "unknown (" + run.executionState() + ")" : run.exitCode()) + "."
                + tail(run.error()), "Fix the script and build again (accepted exit codes: " + script.exitCodes()
                + "); <keepOnFailure>true</keepOnFailure> keeps the build VM for inspection.", null);
    }

    /**
     * Windows passes run command parameters as script arguments: a script without its own param() block gets one
     * that turns them into environment variables, as Linux gets them.
     */
    static String withEnvironment(BakeContext ctx, String text) {
        if (ctx.config.osType() != OsType.WINDOWS || PARAM_BLOCK.matcher(text).find()) {
            return text;
        }
        List<String> names = new java.util.ArrayList<>(ctx.config.environment().keySet());
        names.addAll(ctx.config.secrets().keySet());
        if (names.isEmpty()) {
            return text;
        }
        StringBuilder preamble = new StringBuilder("param(");
        for (int i = 0; i < names.size(); i++) {
            preamble.append(i == 0 ? "" : ", ").append("[string]$").append(names.get(i));
        }
        preamble.append(")\n");
        for (String name : names) {
            preamble.append("$env:").append(name).append(" = $").append(name).append('\n');
        }
        return preamble + text;
    }

    private static void log(BakeContext ctx, String text, String prefix) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String line : text.strip().split("\\R")) {
            ctx.progress.info("      | " + prefix + line);
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

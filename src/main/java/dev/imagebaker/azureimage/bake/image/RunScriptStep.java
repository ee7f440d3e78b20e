package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.guest.ScriptExecution;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.ScriptSpec;
import java.io.IOException;

/**
 * Runs one provisioning script as a managed run command, synchronously and bounded by its timeout, with the
 * environment values as parameters and the secrets as protected parameters. Its output is logged; an exit code
 * outside the accepted ones fails the bake with the script's name, its exit code and the tail of its error
 * output.
 */
final class RunScriptStep implements Step<BakeContext> {
    private final ScriptSpec script;

    RunScriptStep(ScriptSpec script) {
        this.script = script;
    }

    @Override
    public String title(BakeContext ctx) {
        return "Run script " + script.name() + (script.file() == null ? " (inline)" : "")
                + (script.runAs() == null ? "" : " as " + script.runAs()) + (ctx.inStartLayer(script.name())
                ? ": skipped, in cached layer " + ctx.config.layers().name(ctx.config.layers().layerOf(script.name()))
                : "");
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        if (ctx.inStartLayer(script.name())) {
            return StepResult.CONTINUE;
        }
        String text;
        try {
            text = script.content();
        } catch (IOException e) {
            throw new StepFailedException(title(ctx), script.name(), null, "Cannot read the script: " + e.getMessage(),
                    "Check that the file is readable UTF-8.", e);
        }
        ScriptExecution.Result result = ScriptExecution.run(ctx.cloud, ctx.progress, ctx.vm, script.runName(), script,
                text, ctx.config.osType(), ctx.config.environment(), ctx.config.secrets(), ctx.staging);
        if (result.accepted()) {
            return StepResult.CONTINUE;
        }
        if (result.timedOut()) {
            throw new StepFailedException(title(ctx), resource(ctx), null, "Script " + script.name() + " did not finish"
                    + " within " + Durations.format(script.timeout()) + ": Azure stopped it (exit code -1)."
                    + result.errorTail(), "Make the script"
                    + " finish (a command waiting for input?), or raise <timeouts><script> (or this script's"
                    + " <timeout>).", null);
        }
        if (result.notRun()) {
            throw new StepFailedException(title(ctx), resource(ctx), null, "Azure's run command handler could not run"
                    + " script " + script.name() + " (exit code " + result.exitCode() + "): " + result.run().message(),
                    "Check that the VM can reach Azure Storage over HTTPS (a firewall or proxy?), and that the VM"
                            + " agent is healthy; then build again.", null);
        }
        throw new StepFailedException(title(ctx), resource(ctx), null, "Script " + script.name() + " exited with code "
                + result.exitCode() + "." + result.errorTail(), "Fix the script and build again (accepted exit codes: "
                + script.exitCodes() + "); <keepOnFailure>true</keepOnFailure> keeps the build VM for inspection.",
                null);
    }
}

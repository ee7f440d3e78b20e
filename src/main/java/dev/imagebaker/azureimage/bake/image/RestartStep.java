package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;

/** Restarts the build VM after a script that asked for it (restartAfter), e.g. after Windows updates. */
final class RestartStep implements Step<BakeContext> {
    private final String after;

    RestartStep(String after) {
        this.after = after;
    }

    @Override
    public String title(BakeContext ctx) {
        return "Restart " + ctx.names.vmName() + " after " + after + " and wait for its guest agent"
                + (ctx.inStartLayer(after) ? ": skipped, " + after + " is in the cached layer" : "");
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        if (ctx.inStartLayer(after)) {
            return StepResult.CONTINUE;
        }
        ctx.cloud.vms().restart(ctx.vm, ctx.config.timeouts().operation());
        return StepResult.CONTINUE;
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;

/** Deallocates the stopped VM, then marks it generalized in Azure, as capture requires. */
final class GeneralizeStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Deallocate and mark generalized " + ctx.names.vmName();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        ctx.cloud.vms().deallocate(ctx.vm, ctx.config.timeouts().operation());
        ctx.cloud.vms().generalize(ctx.vm);
        return StepResult.CONTINUE;
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.OsType;

/**
 * Deallocates the generalized VM, then marks it generalized in Azure, as capture requires. A Windows guest that
 * ran sysprep /quit is still running: it is stopped through Azure first.
 */
final class GeneralizeStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return (ctx.config.osType() == OsType.WINDOWS ? "Stop, deallocate" : "Deallocate") + " and mark generalized "
                + ctx.names.vmName();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        if (ctx.config.osType() == OsType.WINDOWS) {
            ctx.cloud.vms().powerOff(ctx.vm, ctx.config.timeouts().operation());
        }
        ctx.cloud.vms().deallocate(ctx.vm, ctx.config.timeouts().operation());
        ctx.cloud.vms().generalize(ctx.vm);
        return StepResult.CONTINUE;
    }
}

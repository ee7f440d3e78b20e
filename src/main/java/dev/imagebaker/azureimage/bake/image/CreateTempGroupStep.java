package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.guest.TempGroup;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;

/** Creates the temporary resource group, tagged so that azure-image:clean can find it if the build is killed. */
final class CreateTempGroupStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return (ctx.names.sharedGroup() ? "Use build resource group " : "Create resource group ")
                + ctx.names.tempGroup();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "resource group " + ctx.names.tempGroup();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        TempGroup.prepare(ctx.cloud, ctx.cleanups, ctx.names, ctx.config.location(), ctx.config.tempGroupTtl(),
                ctx.createdBy(), ctx.config.timeouts().operation(), ctx.config.waitForDeletion(),
                ctx.config.placement().tags());
        return StepResult.CONTINUE;
    }
}

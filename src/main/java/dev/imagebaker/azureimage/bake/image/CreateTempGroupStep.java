package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.guest.TempGroup;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;

/** Creates the temporary resource group, tagged so that azure-image:clean can find it if the build is killed. */
final class CreateTempGroupStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Create resource group " + ctx.names.tempGroup();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "resource group " + ctx.names.tempGroup();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        TempGroup.create(ctx.cloud, ctx.cleanups, ctx.names.tempGroup(), ctx.config.location(), ctx.names.buildId(),
                ctx.config.tempGroupTtl(), "azure-image-maven-plugin " + ctx.config.project().groupId() + ":"
                        + ctx.config.project().artifactId() + ":" + ctx.config.project().version(),
                ctx.config.timeouts().operation(), ctx.config.placement().tags());
        return StepResult.CONTINUE;
    }
}

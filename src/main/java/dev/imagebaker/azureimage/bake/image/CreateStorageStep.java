package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;

/**
 * Creates the temporary storage account: run commands write the scripts' whole output there (Azure keeps only the
 * last 4 KB in the instance view), project files and large scripts wait there for the build VM. It goes with the
 * temporary group.
 */
final class CreateStorageStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Create storage account " + ctx.names.storageAccount() + " for script output"
                + (ctx.config.files().isEmpty() ? "" : " and files");
    }

    @Override
    public String resource(BakeContext ctx) {
        return "storage account " + ctx.names.tempGroup() + "/" + ctx.names.storageAccount();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        ctx.staging = ctx.cloud.staging().create(ctx.names.tempGroup(), ctx.config.location(),
                ctx.names.storageAccount(), ctx.resourceTags(),
                ctx.config.timeouts().operation());
        return StepResult.CONTINUE;
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.BuildVmRequest;
import dev.imagebaker.azureimage.bake.guest.Credentials;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.Secret;
import java.util.Map;

/** Creates the build VM: no public IP, no inbound rule, a credential that exists only in memory. */
final class CreateBuildVmStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Create build VM " + ctx.names.vmName() + " (" + ctx.config.vmSize() + ", no public IP) from "
                + ctx.source.resolved();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        OsType os = ctx.config.osType();
        Secret credential = Credentials.fresh(os);
        ctx.vm = ctx.cloud.vms().create(new BuildVmRequest(ctx.names.tempGroup(), ctx.config.location(),
                ctx.names.vmName(), ctx.names.computerName(), ctx.config.vmSize(), os, ctx.source.imageReference(),
                Credentials.ADMIN_USER, credential, Map.of(Tags.BUILD_ID, ctx.names.buildId())),
                ctx.config.timeouts().operation());
        return StepResult.CONTINUE;
    }
}

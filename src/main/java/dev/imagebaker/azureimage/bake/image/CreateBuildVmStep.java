package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.BuildVmRequest;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.guest.Credentials;
import dev.imagebaker.azureimage.bake.run.Fixes;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.Secret;
import dev.imagebaker.azureimage.config.SecurityType;

/** Creates the build VM: no public IP, no inbound rule, a credential that exists only in memory. */
final class CreateBuildVmStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Create build VM " + ctx.names.vmName() + " (" + ctx.config.vmSize() + ", " + ctx.securityType
                .azureName() + ", no public IP) from " + (ctx.startLayer == null ? ctx.source.resolved()
                : "cached layer " + ctx.config.layers().name(ctx.startLayer.index()) + " ("
                + ctx.startLayer.version().name() + ")");
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        OsType os = ctx.config.osType();
        boolean fromLayer = ctx.startLayer != null;
        // A cached layer is a Specialized image: the guest keeps the first build's identity, so no new credential.
        Secret credential = fromLayer ? null : Credentials.fresh(os);
        // Azure makes new Gen2 VMs Trusted Launch when the image and size allow it: say Standard when meant.
        SecurityType securityType = ctx.securityType != SecurityType.STANDARD || ctx.facts.supportsTrustedLaunch()
                ? ctx.securityType : null;
        BuildVmRequest request = new BuildVmRequest(ctx.names.tempGroup(), ctx.config.location(),
                ctx.names.vmName(), ctx.names.computerName(), ctx.config.vmSize(), os,
                fromLayer ? ctx.startLayer.version().id().value() : ctx.source.imageReference(),
                Credentials.ADMIN_USER, credential, ctx.resourceTags(),
                ctx.subnetId, securityType, ctx.facts.plan(), ctx.config.dataDisks(), fromLayer);
        // A VM that hangs in boot or deprovision says why in its serial console, readable until it is deleted.
        ctx.cleanups.reportOnFailure("serial console log of " + ctx.names.vmName(), () -> ctx.cloud.vms()
                .serialLog(new dev.imagebaker.azureimage.bake.cloud.BuildVm(null, ctx.names.tempGroup(),
                        ctx.names.vmName()), 30).ifPresent(log -> ctx.progress.warn("Last lines of the serial console"
                        + " log of " + ctx.names.vmName() + ":\n  | " + String.join("\n  | ", log.split("\\R")))));
        try {
            ctx.vm = ctx.cloud.vms().create(request, ctx.config.timeouts().operation());
        } catch (CloudException e) {
            if (!fromLayer) {
                throw e;
            }
            // The usual fix (quota, size...) applies as well; the cached layer itself may be what Azure refuses.
            var v = ctx.startLayer.version().id();
            throw new StepFailedException(title(ctx), resource(ctx), e.code(), e.getMessage(), Fixes.forError(e.code(),
                    e.getMessage()) + " If the cached layer is the cause, delete it (az sig image-version delete -g "
                    + v.resourceGroup() + " -r " + v.gallery() + " -i " + v.definition() + " -e " + v.version()
                    + ") so that the next bake records it afresh, or bake with -Dazure-image.layerCache=false.", e);
        }
        return StepResult.CONTINUE;
    }
}

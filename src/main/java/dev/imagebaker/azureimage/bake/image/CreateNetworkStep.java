package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.NetworkSettings;

/**
 * The build VM's own network in the temporary group. Subnets are private by default from network API 2025-07-01
 * (no default outbound access) and landing-zone policies deny subnets without an NSG, so the subnet gets an NSG
 * that denies all inbound traffic, a NAT gateway as its explicit way out (unless outbound is none), and a
 * Microsoft.Storage service endpoint, over which the staging account is reached even without a way out.
 */
final class CreateNetworkStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        boolean nat = ctx.config.placement().network().outbound() == NetworkSettings.Outbound.NAT;
        return "Create network " + ctx.names.vmName() + "-vnet (NSG denying inbound, storage service endpoint, "
                + (nat ? "NAT gateway out)" : "no way out)");
    }

    @Override
    public String resource(BakeContext ctx) {
        return "virtual network " + ctx.names.tempGroup() + "/" + ctx.names.vmName() + "-vnet";
    }

    @Override
    public StepResult run(BakeContext ctx) {
        boolean nat = ctx.config.placement().network().outbound() == NetworkSettings.Outbound.NAT;
        ctx.subnetId = ctx.cloud.networks().createBuildNetwork(ctx.names.tempGroup(), ctx.config.location(),
                ctx.names.vmName(), nat, ctx.resourceTags(),
                ctx.config.timeouts().operation());
        return StepResult.CONTINUE;
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.cloud.Networks;
import dev.imagebaker.azureimage.bake.cloud.VmSku;
import dev.imagebaker.azureimage.bake.guest.Sizes;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.AzureRegions;
import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.NetworkSettings;
import dev.imagebaker.azureimage.config.SecurityType;
import dev.imagebaker.azureimage.config.TargetRegion;
import java.util.Set;

/**
 * Checks, before anything is created, what Azure would otherwise refuse only after resources exist: the regions
 * (the subscription's locations), the VM size (Resource SKUs: offered here, to this subscription, for the source's
 * architecture and Hyper-V generation, Trusted Launch capable when needed), the security type (chosen here: Trusted
 * Launch when the source and size support it, or what an existing definition needs), the existing definition's
 * fit, the marketplace plan's terms, and an existing subnet's region and way out.
 */
final class CheckPlacementStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Check region, VM size " + ctx.config.vmSize() + ", security type and network in "
                + ctx.config.location();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "subscription " + ctx.config.subscriptionId();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        regions(ctx);
        VmSku size = Sizes.require(ctx.cloud.catalog().vmSizes(ctx.config.location()), ctx.config.vmSize(),
                ctx.config.location(), ctx.facts, ctx.source.resolved(), (problem, fix) -> refusal(ctx, problem, fix));
        int disks = ctx.config.dataDisks().size();
        if (size.maxDataDisks() > 0 && disks > size.maxDataDisks()) {
            throw refusal(ctx, "The VM size " + size.name() + " takes at most " + size.maxDataDisks() + " data disks,"
                    + " but <dataDisks> lists " + disks + "; Azure would refuse the build VM (OperationNotAllowed).",
                    "Choose a <vmSize> that takes " + disks + " data disks, or list fewer.");
        }
        GalleryTarget g = ctx.config.gallery();
        ctx.gallery = ctx.cloud.galleries().gallery(g.resourceGroup(), g.name()).orElse(null);
        if (ctx.gallery != null && !ctx.config.location().equals(ctx.gallery.location())) {
            throw refusal(ctx, "The gallery " + g.name() + " is in " + ctx.gallery.location() + ", but the build runs"
                    + " in " + ctx.config.location() + "; Azure captures an image version in the region of its source"
                    + " VM, which must be the gallery's region.", "Set <location>" + ctx.gallery.location()
                    + "</location> (versions replicate to other regions through <targetRegions>).");
        }
        ctx.definition = ctx.gallery == null ? null : ctx.cloud.galleries().definition(g.resourceGroup(), g.name(),
                ctx.config.definition()).orElse(null);
        ctx.securityType = securityType(ctx, size);
        if (ctx.definition != null) {
            fitsDefinition(ctx);
        }
        if (ctx.facts.plan() != null && !ctx.cloud.catalog().termsAccepted(ctx.facts.plan())) {
            throw refusal(ctx, "The source " + ctx.source.resolved() + " is sold with the marketplace plan "
                    + ctx.facts.plan().name() + " of " + ctx.facts.plan().publisher() + ", whose legal terms are not"
                    + " accepted in subscription " + ctx.config.subscriptionId() + ".", "Accept them once: "
                    + ctx.facts.plan().acceptCommand(ctx.source.resolved()));
        }
        subnet(ctx);
        ctx.subnetId = ctx.config.placement().network().subnetId();
        ctx.progress.info("      " + size.name() + " (" + size.vCpus() + " vCPUs, " + size.architecture()
                + "); security type " + ctx.securityType.azureName() + (ctx.facts.plan() == null ? ""
                : "; plan " + ctx.facts.plan().name() + " (terms accepted)"));
        return StepResult.CONTINUE;
    }

    private void regions(BakeContext ctx) {
        Set<String> regions = ctx.cloud.catalog().regions();
        for (TargetRegion region : ctx.config.publishing().targetRegions()) {
            if (!regions.contains(region.name())) {
                throw refusal(ctx, "The region " + region.name() + " is not one of this subscription's regions.",
                        "Use one of: az account list-locations --query \"[].name\" -o tsv"
                                + didYouMean(AzureRegions.closest(region.name(), regions)) + ".");
            }
        }
    }

    /**
     * The build VM's security type: the configured one; else what an existing definition needs (a version must
     * come from a VM of the definition's security type); else Trusted Launch when the source and size support it
     * (Azure's default for new Gen2 VMs).
     */
    private static String didYouMean(String closest) {
        return closest == null ? "" : " (did you mean " + closest + "?)";
    }

    private SecurityType securityType(BakeContext ctx, VmSku size) {
        ImageFacts facts = ctx.facts;
        SecurityType configured = ctx.config.placement().securityType();
        SecurityType chosen = configured != null ? configured : ctx.definition != null
                ? forDefinition(ctx, ctx.definition.securityType())
                : facts.supportsTrustedLaunch() && size.trustedLaunch() ? SecurityType.TRUSTED_LAUNCH
                : SecurityType.STANDARD;
        String fix = configured != null ? "Remove <securityType> (or choose another source or <vmSize>)."
                : "Choose a source and <vmSize> that support it, or publish to another <imageDefinition>.";
        if (chosen == SecurityType.TRUSTED_LAUNCH) {
            if (!facts.supportsTrustedLaunch()) {
                throw refusal(ctx, "The source " + ctx.source.resolved() + " does not support Trusted Launch"
                        + " (Hyper-V " + facts.hyperVGeneration() + ", SecurityType " + facts.feature("SecurityType")
                        + ").", fix);
            }
            if (!size.trustedLaunch()) {
                throw refusal(ctx, "The VM size " + size.name() + " does not support Trusted Launch.", fix);
            }
        }
        if (chosen == SecurityType.CONFIDENTIAL_VM && (!facts.supportsConfidentialVm() || !size.confidential())) {
            throw refusal(ctx, "A confidential VM needs a confidential source and size; " + ctx.source.resolved()
                    + " has SecurityType " + facts.feature("SecurityType") + " and " + size.name() + " is "
                    + (size.confidential() ? "" : "not ") + "a confidential size.", fix);
        }
        return chosen;
    }

    /** What a definition's SecurityType feature takes from a VM capture (azure-compute-docs trusted-launch-portal.md). */
    private SecurityType forDefinition(BakeContext ctx, String definitionType) {
        if (definitionType == null || definitionType.equalsIgnoreCase("Standard")) {
            return SecurityType.STANDARD;
        }
        SecurityType type = SecurityType.of(definitionType);
        if (type == null) {
            throw refusal(ctx, "The existing image definition " + ctx.config.definition() + " has SecurityType "
                    + definitionType + ", which takes no version captured from a VM (only VHDs, managed images and"
                    + " other gallery versions).", "Publish to another <gallery><imageDefinition>; the plugin creates"
                    + " it with the SecurityType of the build VM.");
        }
        return type;
    }

    private void fitsDefinition(BakeContext ctx) {
        DefinitionInfo d = ctx.definition;
        ImageFacts facts = ctx.facts;
        mustFit(ctx, "OS type", d.osType().azureName(), facts.osType().azureName());
        mustFit(ctx, "OS state", d.osState(), "Generalized");
        mustFit(ctx, "Hyper-V generation", d.hyperVGeneration(), facts.hyperVGeneration());
        mustFit(ctx, "architecture", d.architecture(), facts.architecture());
        String definitionType = d.securityType() == null ? "Standard" : d.securityType();
        mustFit(ctx, "SecurityType", definitionType, ctx.securityType.azureName());
        if (facts.plan() != null && (d.purchasePlan() == null || !d.purchasePlan().name().equalsIgnoreCase(
                facts.plan().name()))) {
            throw refusal(ctx, "The existing image definition " + ctx.config.definition() + " has "
                    + (d.purchasePlan() == null ? "no purchase plan" : "the purchase plan " + d.purchasePlan().name())
                    + ", but the source " + ctx.source.resolved() + " is sold with plan " + facts.plan().name()
                    + "; VMs from the versions must carry it.", "Publish to another <gallery><imageDefinition>; the"
                    + " plugin creates it with the source's plan.");
        }
    }

    private void mustFit(BakeContext ctx, String what, String definitionValue, String needed) {
        if (!definitionValue.equalsIgnoreCase(needed)) {
            throw refusal(ctx, "The existing image definition " + ctx.config.definition() + " has " + what + " "
                    + definitionValue + ", but the build needs " + needed + " (source " + ctx.source.resolved()
                    + "). A version must match its definition.", "Choose a source with " + what + " "
                    + definitionValue + (what.equals("SecurityType") ? " (or set <securityType>" + definitionValue
                    + "</securityType>)" : "") + ", or publish to another <gallery><imageDefinition> (a definition's "
                    + what + " cannot change).");
        }
    }

    private void subnet(BakeContext ctx) {
        NetworkSettings network = ctx.config.placement().network();
        if (!network.existingSubnet()) {
            return;
        }
        Networks.SubnetInfo subnet = ctx.cloud.networks().subnet(network.subnetId()).orElseThrow(() -> refusal(ctx,
                "The subnet " + network.subnetId() + " does not exist, or the signed-in identity cannot read it.",
                "Check <network><subnetId> (az network vnet subnet show --ids ...) and the identity's rights on it."));
        if (!subnet.location().equalsIgnoreCase(ctx.config.location())) {
            throw refusal(ctx, "The subnet's virtual network is in " + subnet.location() + ", but the build runs in "
                    + ctx.config.location() + ".", "Use a subnet in " + ctx.config.location() + ", or build in "
                    + subnet.location() + ".");
        }
        if (network.outbound() == NetworkSettings.Outbound.CHECKED && !subnet.hasWayOut()) {
            throw refusal(ctx, "The subnet has no way out to the internet: no NAT gateway, no route table with a"
                    + " default route, and default outbound access is off (subnets are private by default since"
                    + " network API 2025-07-01). Scripts could not download packages.", "Attach a NAT gateway or a"
                    + " route to your firewall; or set <network><outbound>assumed</outbound> if the VMs reach out"
                    + " another way (a proxy), or none if the scripts need no internet.");
        }
    }

    private StepFailedException refusal(BakeContext ctx, String problem, String fix) {
        return new StepFailedException(title(ctx), resource(ctx), null, problem + " Nothing was created.", fix, null);
    }
}

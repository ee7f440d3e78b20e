package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new VM's PUT must pass before Azure accepts it, in the order checked: the size is offered in the region
 * (and zone) and not restricted for the subscription; it runs the image's architecture and Hyper-V generation; the
 * security type suits image and size; the purchase plan matches the image's and its terms are accepted; the cores
 * quota holds. All of these answer the PUT at once; allocation failures come later, in the operation.
 */
final class VmPlacement {
    private final CloudState cloud;

    VmPlacement(CloudState cloud) {
        this.cloud = cloud;
    }

    /**
     * Checks the new VM id (body as it will be stored, request as sent) against its image; copies plan and zones
     * into the body; returns what the VM's private state keeps: its security type, size, plan, and whether its
     * image was deprovisioned (the serial console tells that story).
     */
    ObjectNode admit(ArmRequest req, ResourceId id, String location, ObjectNode body, ObjectNode request,
                     ImageSource image) {
        ObjectNode props = Json.with(body, "properties");
        ObjectNode osDisk = Json.with(props, "storageProfile.osDisk");
        if (!osDisk.hasNonNull("name")) {
            // Named now, as Azure does, so that refusals can name it.
            osDisk.put("name", id.name() + "_OsDisk_1_" + java.util.UUID.randomUUID().toString().replace("-", ""));
        }
        String sizeName = Json.text(props, "hardwareProfile.vmSize");
        List<String> zones = new ArrayList<>();
        request.path("zones").forEach(z -> zones.add(z.asText()));
        ComputeSkus.Size size = available(req, id, location, sizeName, zones);
        bootable(size, image);
        String securityType = securityType(props, size, image);
        MarketplaceCatalog.Plan plan = plan(id, props, request, image);
        quota(req, id, location, size);
        if (!zones.isEmpty()) {
            body.set("zones", request.get("zones").deepCopy());
        }
        ObjectNode state = Json.object();
        state.put("securityType", securityType);
        state.put("vmSize", size.name());
        state.put("imageDeprovisioned", image.deprovisioned());
        if (plan != null) {
            body.set("plan", plan.toJson());
            state.set("plan", plan.toJson());
        }
        return state;
    }

    /** Rule 14: a size missing in the region or zone, or restricted for the subscription, is SkuNotAvailable. */
    private ComputeSkus.Size available(ArmRequest req, ResourceId id, String location, String sizeName,
                                       List<String> zones) {
        ComputeSkus.Size size = ComputeSkus.find(sizeName);
        boolean zoneOffered = Regions.zones(location).containsAll(zones);
        boolean injected = cloud.faults.take(FaultRule.Kind.SKU_NOT_AVAILABLE, req.operation(), id.name()) != null;
        if (size == null || !zoneOffered || injected || cloud.entitlements.restricted(size.name(), location)) {
            throw Capacity.skuNotAvailable(id, location, String.join(",", zones));
        }
        return size;
    }

    /** The size must boot the image: same CPU architecture, and the image's generation among the size's. */
    private static void bootable(ComputeSkus.Size size, ImageSource image) {
        if (!size.architecture().equalsIgnoreCase(image.architecture())) {
            // The text users of New-AzVM and az vm create report for an Arm64 size given an x64 image.
            throw ArmException.badRequest("Cannot create a VM of size '" + size.name() + "' because this VM size only"
                    + " supports a CPU Architecture of '" + size.architecture() + "', but an image or disk with CPU"
                    + " Architecture '" + image.architecture() + "' was given. Please check that the CPU Architecture"
                    + " of the image or disk is compatible with that of the VM size.");
        }
        if (!size.boots(image.hyperVGeneration())) {
            // jenkinsci/azure-vm-agents-plugin #305, loft-sh/devpod #731, microsoft/ga4gh-tes #43.
            String generation = image.hyperVGeneration().substring(1);
            throw ArmException.badRequest("The selected VM size '" + size.name() + "' cannot boot Hypervisor"
                    + " Generation '" + generation + "'. If this was a Create operation please check that the"
                    + " Hypervisor Generation of the Image matches the Hypervisor Generation of the selected VM Size."
                    + " If this was an Update operation please select a Hypervisor Generation '" + generation + "' VM"
                    + " Size. For more information, see https://aka.ms/azuregen2vm");
        }
    }

    /** Rules 6, 7 and 10: the security type against the image's SecurityType feature and the size's capabilities. */
    private static String securityType(ObjectNode props, ComputeSkus.Size size, ImageSource image) {
        String given = Json.text(props, "securityProfile.securityType");
        String requested = given == null ? SecurityTypes.STANDARD : SecurityTypes.canonical(given);
        if (requested == null) {
            throw ArmException.invalidParameter("The value '" + given + "' of parameter 'securityProfile.securityType'"
                    + " is not allowed. Allowed values are: Standard, TrustedLaunch, ConfidentialVM.",
                    "securityProfile.securityType");
        }
        String required = SecurityTypes.requiredBy(image.securityType());
        if (required != null && !required.equals(requested)) {
            // kubermatic/machine-controller #2013, terraform-provider-azurerm #23148.
            throw ArmException.badRequest("The provided gallery image only supports creation of VMs and VM Scale Sets"
                    + " with '" + required + "' security type.");
        }
        if (requested.equals(SecurityTypes.TRUSTED_LAUNCH)) {
            if (!SecurityTypes.supportsTrustedLaunch(image)) {
                // Azure/azure-cli #27975.
                throw ArmException.badRequest("Use of TrustedLaunch setting is not supported for the provided image."
                        + " Please select Trusted Launch Supported Gen2 OS Image. For more information, see"
                        + " https://aka.ms/TrustedLaunch-FAQ.");
            }
            if (!size.trustedLaunch()) {
                throw sizeRefuses(size, SecurityTypes.TRUSTED_LAUNCH);
            }
        } else if (requested.equals(SecurityTypes.CONFIDENTIAL_VM)) {
            if (!SecurityTypes.supportsConfidential(image)) {
                // Modelled on the TrustedLaunch text; Azure's own wording for ConfidentialVM was not found.
                throw ArmException.badRequest("Use of ConfidentialVM setting is not supported for the provided"
                        + " image. Please select a Confidential VM Supported Gen2 OS Image.");
            }
            if (!size.confidential()) {
                throw sizeRefuses(size, SecurityTypes.CONFIDENTIAL_VM);
            }
        } else if (size.confidential()) {
            // Only third-party code comments report this plain BadRequest (research notes, section 2.3).
            throw ArmException.badRequest("The VM size '" + size.name() + "' is a confidential size: it creates only"
                    + " VMs with 'ConfidentialVM' security type.");
        }
        return requested;
    }

    /** Azure/azure-cli #28005, the size form. */
    private static ArmException sizeRefuses(ComputeSkus.Size size, String securityType) {
        return ArmException.badRequest("The VM size '" + size.name() + "' is not supported for creation of VMs and"
                + " Virtual Machine Scale Set with '" + securityType + "' security type. For more information, see"
                + " https://aka.ms/TrustedLaunch-FAQ");
    }

    /**
     * Rule 16: the VM's plan must be the image's (VMMarketplaceInvalidInput, ad virtual-machines/error-messages.md)
     * and its terms accepted on the subscription (MarketplacePurchaseEligibilityFailed, whose inner error says why;
     * "eligibilty" is Azure's spelling).
     */
    private MarketplaceCatalog.Plan plan(ResourceId id, ObjectNode props, ObjectNode request, ImageSource image) {
        MarketplaceCatalog.Plan wanted = image.plan();
        MarketplaceCatalog.Plan given = MarketplaceCatalog.Plan.of(request.get("plan"));
        String disk = Json.text(props, "storageProfile.osDisk.name");
        if (wanted == null && given != null) {
            throw marketplaceInput("Creating a virtual machine from a non Marketplace image does not need Plan"
                    + " information, please remove the Plan information in the request. OS disk name is " + disk + ".");
        }
        if (wanted == null) {
            return null;
        }
        if (given == null) {
            throw marketplaceInput("Creating a virtual machine from Marketplace image requires Plan information in"
                    + " the request. OS disk name is " + disk + ".");
        }
        if (!wanted.sameAs(given)) {
            throw marketplaceInput("The purchase information does not match. Unable to deploy from the Marketplace"
                    + " image. OS disk name is " + disk + ".");
        }
        if (!cloud.entitlements.termsAccepted(id.subscription(), wanted.publisher(), wanted.product(), wanted.name())) {
            throw new ArmException(400, "MarketplacePurchaseEligibilityFailed", "Marketplace purchase eligibilty check"
                    + " returned errors. See inner errors for details.").withDetails(new ArmError("BadRequest",
                    "Offer with PublisherId: '" + wanted.publisher() + "', OfferId: '" + wanted.product() + "' cannot"
                            + " be purchased due to validation errors. For more information see details. Legal terms"
                            + " have not been accepted for this item on this subscription: '" + id.subscription()
                            + "'. To accept legal terms using PowerShell, please use Get-AzureRmMarketplaceTerms and"
                            + " Set-AzureRmMarketplaceTerms API(https://go.microsoft.com/fwlink/?linkid=862451) or"
                            + " deploy via the Azure portal to accept the terms", null));
        }
        return wanted;
    }

    private static ArmException marketplaceInput(String message) {
        return new ArmException(400, "VMMarketplaceInvalidInput", message);
    }

    /** Rule 13, injected: the quota message counts the vCPUs of the VMs allocated in the region. */
    private void quota(ArmRequest req, ResourceId id, String location, ComputeSkus.Size size) {
        FaultRule rule = cloud.faults.take(FaultRule.Kind.QUOTA_EXCEEDED, req.operation(), id.name());
        if (rule == null) {
            return;
        }
        int usage = 0;
        for (Resource vm : cloud.inventory.within(new ResourceId("/subscriptions/" + id.subscription()),
                "Microsoft.Compute/virtualMachines")) {
            ComputeSkus.Size used = ComputeSkus.find(Json.text(vm.properties(), "hardwareProfile.vmSize"));
            PowerState power = VmState.power(vm);
            boolean allocated = power != PowerState.DEALLOCATED && power != PowerState.DEALLOCATING;
            if (used != null && allocated && location.equals(vm.location())
                    && (!rule.familyQuota() || used.family().equals(size.family()))) {
                usage += used.vCpus();
            }
        }
        int limit = rule.limit() < 0 ? usage : rule.limit();
        throw Capacity.quotaExceeded(rule.familyQuota() ? size.family() : "Total Regional", location, limit, usage,
                size.vCpus());
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Managed images captured from a VM. The VM must be generalized and deallocated, the image must be in the VM's
 * region and declare the VM's Hyper-V generation; a Trusted Launch VM cannot be captured this way.
 */
final class ImagesApi implements ResourceApi {
    private static final ResourcePath IMAGES = ResourcePath.inGroup("Microsoft.Compute/images", "image");
    private final CloudState cloud;

    ImagesApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("PUT", IMAGES.item(), this::put);
        router.add("PATCH", IMAGES.item(), this::patch);
        new ResourceRoutes(cloud, IMAGES).deletedAfter(Latency.IMAGE_DELETE).register(router);
    }

    private ArmResponse put(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = IMAGES.id(p);
        ObjectNode request = req.body();
        String location = cloud.requireLocation(request, "Microsoft.Compute/images");
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            return update(req, existing, request);
        }
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        String vmId = Json.text(props, "sourceVirtualMachine.id");
        if (vmId == null) {
            throw ArmException.invalidParameter("The emulator creates managed images from a VM:"
                    + " properties.sourceVirtualMachine.id is required.", "sourceVirtualMachine");
        }
        Resource vm = cloud.inventory.get(vmId);
        if (vm == null) {
            throw new ArmException(404, "NotFound", "The entity '" + vmId + "' was not found.");
        }
        if (!location.equals(vm.location())) {
            throw ArmException.invalidParameter("The source virtual machine " + vm.id + " is in region '"
                    + vm.location() + "'; a managed image must be created in the region of its source, not in '"
                    + location + "'.", "sourceVirtualMachine");
        }
        if (!vm.state.path("generalized").asBoolean()) {
            throw ArmException.operationNotAllowed("The operation 'Create Image' is not allowed on VM '" + vm.name()
                    + "' because the VM is not generalized. Mark it generalized (after deprovisioning the guest)"
                    + " first.");
        }
        if (VmState.power(vm) != PowerState.DEALLOCATED) {
            throw ArmException.operationNotAllowed("The operation 'Create Image' is not allowed on VM '" + vm.name()
                    + "' because the VM is not deallocated.");
        }
        if (SecurityTypes.TRUSTED_LAUNCH.equals(vm.state.path("securityType").asText())) {
            // acd trusted-launch.md lists managed images as unsupported; hashicorp/packer #13189 quotes the refusal.
            throw ArmException.operationNotAllowed("Creation of managed images are not supported for virtual machine"
                    + " with TrustedLaunch security type.");
        }
        String vmGeneration = vm.state.path("hyperVGeneration").asText();
        // Optional for a VM source: Azure deduces it (Image_CreateFromAVM.json sends none).
        String generation = AzureEnums.normalize(props, "hyperVGeneration", AzureEnums.HYPER_V_GENERATIONS,
                "hyperVGeneration", vmGeneration);
        if (!generation.equalsIgnoreCase(vmGeneration)) {
            // Azure's words, the VM's generation as GenN (MicrosoftDocs/azure-docs#74849, az image create of a Gen2
            // VM without --hyper-v-generation V2; the same text in MicrosoftDocs/azure-devops-docs#12411).
            throw ArmException.invalidParameter("The Input HyperVGeneration property: '" + generation + "' does not"
                    + " match with the HyperVGeneration property: 'Gen" + vmGeneration.replaceFirst("^[Vv]", "")
                    + "' belonging to source: 'sourceVirtualMachine'.", "hyperVGeneration");
        }
        JsonNode vmDisk = vm.properties().path("storageProfile").path("osDisk");
        ObjectNode storage = Json.with(props, "storageProfile");
        ObjectNode osDisk = Json.with(storage, "osDisk");
        osDisk.put("osType", vm.state.path("osType").asText());
        osDisk.put("osState", "Generalized");
        Json.with(osDisk, "managedDisk").put("id", Json.text(vmDisk, "managedDisk.id"));
        osDisk.put("caching", vmDisk.path("caching").asText("ReadWrite"));
        osDisk.put("storageAccountType", Json.text(vmDisk, "managedDisk.storageAccountType"));
        osDisk.put("diskSizeGB", vmDisk.path("diskSizeGB").asInt(ImageSource.DEFAULT_OS_DISK_GB));
        storage.set("dataDisks", DataDisks.forImage(vm));
        storage.put("zoneResilient", storage.path("zoneResilient").asBoolean(false));
        props.put("provisioningState", "Creating");
        ObjectNode state = Json.object();
        state.put("osType", vm.state.path("osType").asText());
        state.put("hyperVGeneration", vmGeneration);
        state.put("architecture", vm.state.path("architecture").asText("x64"));
        state.put("deprovisioned", vm.state.path("deprovisioned").asBoolean());
        if (vm.state.hasNonNull("plan")) {
            state.set("plan", vm.state.get("plan").deepCopy());
        }
        Resource image = new Resource(id, body, state);
        cloud.inventory.put(image);
        Operations.Op op = cloud.start(req, id, location, cloud.clock.after(Latency.IMAGE_CREATE),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, 201, body, false);
    }

    private ArmResponse patch(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        return update(req, cloud.require(IMAGES.id(p)), req.body());
    }

    /**
     * Images_Update (PATCH) or a PUT on an existing image: tags change; the source stays (Image_Update.json sends
     * it again). Long-running like the create.
     */
    private ArmResponse update(ArmRequest req, Resource image, ObjectNode request) {
        String source = Json.text(request, "properties.sourceVirtualMachine.id");
        String current = Json.text(image.properties(), "sourceVirtualMachine.id");
        if (source != null && current != null && !new ResourceId(current).sameAs(source)) {
            throw new ArmException(409, "PropertyChangeNotAllowed",
                    "Changing property 'sourceVirtualMachine' is not allowed.", "sourceVirtualMachine", null);
        }
        if (request.get("tags") instanceof ObjectNode tags) {
            image.body.set("tags", tags.deepCopy());
        }
        ObjectNode props = image.properties();
        props.put("provisioningState", "Updating");
        Operations.Op op = cloud.start(req, image.id, image.location(), cloud.clock.after(Latency.IMAGE_UPDATE),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, 200, image.body, false);
    }
}

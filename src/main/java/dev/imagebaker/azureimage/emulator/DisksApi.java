package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Managed disks: GET, list and DELETE. A disk attached to a VM cannot be deleted, nor can a disk that is the
 * source of a managed image that still exists. A snapshot of the disk does not hold it: a snapshot is a full,
 * independent copy ("a full, read-only copy of a virtual hard disk", azure-docs snapshot-copy-managed-disk.md).
 */
final class DisksApi implements ResourceApi {
    private static final ResourcePath DISKS = ResourcePath.inGroup("Microsoft.Compute/disks", "disk");
    private final CloudState cloud;

    DisksApi(CloudState cloud) {
        this.cloud = cloud;
    }

    /**
     * A managed disk made with a VM (its OS disk or a data disk): Attached, managed by the VM. Returns its properties,
     * for what only some disks have (an OS disk's osType and generation).
     */
    static ObjectNode createAttached(CloudState cloud, ResourceId diskId, ResourceId vmId, String location,
                                     String storageAccountType, int sizeGb, String createOption) {
        if (cloud.inventory.get(diskId) != null) {
            throw new ArmException(409, "Conflict", "Disk " + diskId + " already exists.");
        }
        ObjectNode body = Json.object();
        body.put("id", diskId.value());
        body.put("name", diskId.name());
        body.put("type", "Microsoft.Compute/disks");
        body.put("location", location);
        body.put("managedBy", vmId.value());
        body.putObject("tags");
        body.putObject("sku").put("name", storageAccountType);
        ObjectNode properties = body.putObject("properties");
        properties.put("diskSizeGB", sizeGb);
        properties.put("diskState", "Attached");
        properties.put("provisioningState", "Succeeded");
        properties.put("timeCreated", cloud.clock.now().toString());
        properties.putObject("creationData").put("createOption", createOption);
        // The VM it was made with, to learn its guest when the disk is snapshotted; its uniqueId, which Azure keeps
        // but Disk_Get.json does not show, names it as a snapshot's creationData.sourceUniqueId.
        ObjectNode state = Json.object().put("vm", vmId.value()).put("uniqueId", java.util.UUID.randomUUID().toString());
        cloud.inventory.put(new Resource(diskId, body, state));
        return properties;
    }

    @Override
    public void register(Router router) {
        new ResourceRoutes(cloud, DISKS).deletedAfter(Latency.DISK_DELETE).refuseDeleteWhileInUse(this::refuseInUse)
                .register(router);
    }

    private void refuseInUse(Resource disk) {
        String vm = disk.body.path("managedBy").asText(null);
        if (vm != null) {
            throw ArmException.operationNotAllowed("Disk " + disk.name() + " is attached to VM " + vm + ".");
        }
        for (Resource image : cloud.inventory.all()) {
            if (image.id.type().equalsIgnoreCase("Microsoft.Compute/images") && usesDisk(image, disk)) {
                throw ArmException.operationNotAllowed("Disk " + disk.name() + " is the source of image "
                        + image.id + " and cannot be deleted while the image exists. Delete the image first.");
            }
        }
    }

    /** Whether the image was captured from the disk, as its OS disk or one of its data disks. */
    private static boolean usesDisk(Resource image, Resource disk) {
        if (disk.id.sameAs(Json.text(image.properties(), "storageProfile.osDisk.managedDisk.id"))) {
            return true;
        }
        for (com.fasterxml.jackson.databind.JsonNode d : image.properties().path("storageProfile").path("dataDisks")) {
            if (disk.id.sameAs(Json.text(d, "managedDisk.id"))) {
                return true;
            }
        }
        return false;
    }
}

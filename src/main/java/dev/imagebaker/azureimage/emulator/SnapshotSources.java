package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Snapshots as the disks of a gallery image version (GalleryRP 2024-03-03
 * GalleryImageVersion_Create_WithSnapshotsAsSource.json): the OS disk's source is storageProfile.osDiskImage.source.id,
 * each data disk's dataDiskImages[].source.id; a managed disk serves as well ("Snapshot or managed disk", azure-docs
 * image-version.md). A snapshot suits a Specialized definition and a Generalized one
 * alike (Azure cannot look inside; whether the guest was deprovisioned decides later whether a VM from it
 * provisions). No Azure material refuses an incremental snapshot here, so the emulator takes both kinds.
 */
final class SnapshotSources {
    private SnapshotSources() {
    }

    /** The OS disk's source id of a version's storageProfile, or null. */
    static String osDiskSource(JsonNode storageProfile) {
        return Json.text(storageProfile, "osDiskImage.source.id");
    }

    /** Whether the resource is a snapshot or a managed disk, the disk sources a version takes. */
    static boolean isDiskSource(Resource source) {
        String type = source.id.type();
        return type.equalsIgnoreCase("Microsoft.Compute/snapshots") || type.equalsIgnoreCase("Microsoft.Compute/disks");
    }

    /** The facts of the guest on a snapshot or managed disk. */
    static ObjectNode guest(CloudState cloud, Resource source) {
        if (source.id.type().equalsIgnoreCase("Microsoft.Compute/disks")) {
            return GuestFacts.ofDisk(cloud, source);
        }
        return source.state.get("guest") instanceof ObjectNode facts ? facts.deepCopy() : Json.object();
    }

    /** What the version captures from a snapshot (or managed disk) of an OS disk: the guest it copied. */
    static ImageSource osDisk(CloudState cloud, Resource source) {
        JsonNode props = source.properties();
        JsonNode guest = guest(cloud, source);
        String kind = source.id.type().equalsIgnoreCase("Microsoft.Compute/disks") ? "managed disk " : "snapshot ";
        return new ImageSource(props.path("osType").asText(""), props.path("hyperVGeneration").asText("V1"),
                guest.path("architecture").asText("x64"), guest.path("deprovisioned").asBoolean(),
                kind + source.id, null, GuestFacts.plan(guest))
                .withDisks(props.path("diskSizeGB").asInt(ImageSource.DEFAULT_OS_DISK_GB), Json.array());
    }

    /**
     * The version's dataDiskImages as requested, each from a snapshot or managed disk in the version's region
     * (the example takes a disk), completed with its size and hostCaching None (the example's answer shows sizeInGB and hostCaching).
     */
    static ArrayNode dataDisks(CloudState cloud, JsonNode storageProfile, String location) {
        ArrayNode disks = Json.array();
        for (JsonNode given : storageProfile.path("dataDiskImages")) {
            ObjectNode disk = given.deepCopy();
            String sourceId = Json.text(disk, "source.id");
            Resource source = cloud.inventory.get(sourceId);
            if (source == null || !isDiskSource(source)) {
                throw ArmException.invalidParameter("The source resource '" + sourceId + "' of the data disk at lun "
                        + disk.path("lun").asText() + " was not found.", "storageProfile.dataDiskImages.source");
            }
            GalleryImageVersionsApi.requireSourceRegion(source, location, "storageProfile.dataDiskImages.source");
            disk.put("sizeInGB", source.properties().path("diskSizeGB").asInt());
            AzureEnums.normalize(disk, "hostCaching", AzureEnums.HOST_CACHING, "dataDiskImages.hostCaching", "None");
            disks.add(disk);
        }
        return disks;
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Snapshots as the disks of a gallery image version (GalleryRP 2024-03-03
 * GalleryImageVersion_Create_WithSnapshotsAsSource.json): the OS disk's source is storageProfile.osDiskImage.source.id,
 * each data disk's dataDiskImages[].source.id. A snapshot suits a Specialized definition and a Generalized one
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

    /** What the version captures from the snapshot of an OS disk: the facts of the guest it copied. */
    static ImageSource osDisk(Resource snapshot) {
        JsonNode props = snapshot.properties();
        JsonNode guest = snapshot.state.path("guest");
        return new ImageSource(props.path("osType").asText(""), props.path("hyperVGeneration").asText("V1"),
                guest.path("architecture").asText("x64"), guest.path("deprovisioned").asBoolean(),
                "snapshot " + snapshot.id, null, GuestFacts.plan(guest))
                .withDisks(props.path("diskSizeGB").asInt(ImageSource.DEFAULT_OS_DISK_GB), Json.array());
    }

    /**
     * The version's dataDiskImages as requested, each from a snapshot in the version's region, completed with the
     * snapshot's size and hostCaching None (the example's answer shows sizeInGB and hostCaching).
     */
    static ArrayNode dataDisks(CloudState cloud, JsonNode storageProfile, String location) {
        ArrayNode disks = Json.array();
        for (JsonNode given : storageProfile.path("dataDiskImages")) {
            ObjectNode disk = given.deepCopy();
            String sourceId = Json.text(disk, "source.id");
            Resource source = cloud.inventory.get(sourceId);
            if (source == null || !source.id.type().equalsIgnoreCase("Microsoft.Compute/snapshots")) {
                throw ArmException.invalidParameter("The source resource '" + sourceId + "' of the data disk at lun "
                        + disk.path("lun").asText() + " was not found.", "storageProfile.dataDiskImages.source");
            }
            if (!location.equals(source.location())) {
                throw ArmException.invalidParameter("The source " + source.id + " is in region '" + source.location()
                        + "'; the gallery image version must be created in the region of its source, not in '"
                        + location + "'.", "storageProfile.dataDiskImages.source");
            }
            disk.put("sizeInGB", source.properties().path("diskSizeGB").asInt());
            AzureEnums.normalize(disk, "hostCaching", AzureEnums.HOST_CACHING, "dataDiskImages.hostCaching", "None");
            disks.add(disk);
        }
        return disks;
    }
}

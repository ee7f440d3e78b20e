package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Azure fills in on a gallery image version (GalleryRP 2024-03-03 GalleryImageVersion_Create_WithVmAsSource.json
 * and GalleryImageVersion_Get.json): publishingProfile.replicaCount (1) and storageAccountType (Standard_LRS) in
 * Azure's casing, storageProfile.osDiskImage with sizeInGB and hostCaching, dataDiskImages captured from the
 * source, and a safetyProfile.
 */
final class VersionDefaults {
    private VersionDefaults() {
    }

    static void publishing(ObjectNode profile) {
        int replicas = profile.path("replicaCount").asInt(1);
        if (replicas < 1 || replicas > 100) {
            throw ArmException.invalidParameter("The replica count " + replicas + " must be between 1 and 100.",
                    "publishingProfile.replicaCount");
        }
        profile.put("replicaCount", replicas);
        AzureEnums.normalize(profile, "storageAccountType", AzureEnums.GALLERY_STORAGE,
                "publishingProfile.storageAccountType", "Standard_LRS");
    }

    static void storage(ObjectNode storage, ImageSource captured) {
        ObjectNode os = Json.with(storage, "osDiskImage");
        os.put("sizeInGB", captured.osDiskSizeGB());
        AzureEnums.normalize(os, "hostCaching", AzureEnums.HOST_CACHING, "osDiskImage.hostCaching", "ReadWrite");
        storage.set("dataDiskImages", captured.dataDiskImages().deepCopy());
    }

    /**
     * allowDeletionOfReplicatedLocations false unless asked (the examples send and show false; az sig image-version
     * show answers false for versions created without it), never reported for a policy violation.
     */
    static void safety(ObjectNode safety) {
        safety.put("allowDeletionOfReplicatedLocations",
                safety.path("allowDeletionOfReplicatedLocations").asBoolean(false));
        safety.put("reportedForPolicyViolation", false);
    }
}

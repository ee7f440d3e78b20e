package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Azure's enum values: ARM reads them case-insensitively and answers in its own casing, e.g. {@code standard_zrs}
 * comes back as {@code Standard_ZRS} (the specs' enums carry {@code modelAsString}: any casing deserializes, the
 * service normalizes). A value outside the list is Azure's InvalidParameter.
 */
final class AzureEnums {
    /** StorageAccountType of gallery image versions (GalleryRP 2024-03-03 gallery.json, StorageAccountType). */
    static final List<String> GALLERY_STORAGE = List.of("Standard_LRS", "Standard_ZRS", "Premium_LRS",
            "PremiumV2_LRS");
    /** StorageAccountTypes of managed disks (ComputeRP 2025-04-01 computeRPCommon.json). */
    static final List<String> DISK_STORAGE = List.of("Standard_LRS", "Premium_LRS", "StandardSSD_LRS",
            "UltraSSD_LRS", "Premium_ZRS", "StandardSSD_ZRS", "PremiumV2_LRS");
    /** SnapshotStorageAccountTypes (DiskRP 2025-01-02 snapshot.json, SnapshotSku). */
    static final List<String> SNAPSHOT_STORAGE = List.of("Standard_LRS", "Premium_LRS", "Standard_ZRS");
    /** DiskCreateOption of a disk's or snapshot's creationData (DiskRP 2025-01-02 diskRPCommon.json). */
    static final List<String> DISK_CREATE_OPTIONS = List.of("Empty", "Attach", "FromImage", "Import", "Copy",
            "Restore", "Upload", "CopyStart", "ImportSecure", "UploadPreparedSecure", "CopyFromSanSnapshot");
    /** DiskCreateOptionTypes (virtualMachine.json). */
    static final List<String> CREATE_OPTIONS = List.of("FromImage", "Empty", "Attach", "Copy", "Restore");
    /** CachingTypes (computeRPCommon.json). */
    static final List<String> CACHING = List.of("None", "ReadOnly", "ReadWrite");
    /** HostCaching of gallery disk images (gallery.json). */
    static final List<String> HOST_CACHING = List.of("None", "ReadOnly", "ReadWrite");
    /** DiskDeleteOptionTypes and DeleteOptions of network interface references (virtualMachine.json). */
    static final List<String> DELETE_OPTIONS = List.of("Delete", "Detach");
    static final List<String> HYPER_V_GENERATIONS = List.of("V1", "V2");
    /** IPAllocationMethod (network 2025-03-01 network.json). */
    static final List<String> IP_ALLOCATION = List.of("Static", "Dynamic");
    static final List<String> IP_VERSIONS = List.of("IPv4", "IPv6");
    static final List<String> PUBLIC_IP_SKUS = List.of("Basic", "Standard");
    static final List<String> PUBLIC_IP_TIERS = List.of("Regional", "Global");
    /** Storage SkuName and Kind (storage 2025-06-01 common.json / storage.json). */
    static final List<String> STORAGE_SKUS = List.of("Standard_LRS", "Standard_GRS", "Standard_RAGRS",
            "Standard_ZRS", "Premium_LRS", "Premium_ZRS", "Standard_GZRS", "Standard_RAGZRS", "StandardV2_LRS",
            "StandardV2_GRS", "StandardV2_ZRS", "StandardV2_GZRS", "PremiumV2_LRS", "PremiumV2_ZRS");
    static final List<String> STORAGE_KINDS = List.of("Storage", "StorageV2", "BlobStorage", "FileStorage",
            "BlockBlobStorage");

    private AzureEnums() {
    }

    /** Azure's spelling of value, or InvalidParameter naming the field. */
    static String canonical(String value, List<String> allowed, String field) {
        return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ArmException.invalidParameter("The value '" + value + "' of parameter '" + field
                        + "' is not allowed. Allowed values are: " + String.join(", ", allowed) + ".", field));
    }

    /** Rewrites node.field in Azure's casing when present; absent or null stays so. */
    static void normalize(JsonNode node, String field, List<String> allowed, String target) {
        if (node instanceof ObjectNode obj && obj.hasNonNull(field)) {
            obj.put(field, canonical(obj.get(field).asText(), allowed, target));
        }
    }

    /** node.field in Azure's casing, or the default when absent, stored back. */
    static String normalize(ObjectNode node, String field, List<String> allowed, String target, String fallback) {
        String value = node.hasNonNull(field) ? canonical(node.get(field).asText(), allowed, target) : fallback;
        if (value != null) {
            node.put(field, value);
        }
        return value;
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a VM's OS disk comes from, and what Azure knows about it: OS type, Hyper-V generation, architecture,
 * whether the guest was deprovisioned before capture (a guest that was not never finishes provisioning), the
 * image's SecurityType feature (null when it has none), the purchase plan a VM from it must carry (null for
 * none), the OS disk's size and the image's data disks (as a gallery's dataDiskImages: lun, sizeInGB,
 * hostCaching), which a VM made from it receives.
 */
record ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                   String description, String securityType, MarketplaceCatalog.Plan plan, int osDiskSizeGB,
                   JsonNode dataDiskImages) {
    /** Azure's smallest OS disk: what the emulator assumes when a source names no size. */
    static final int DEFAULT_OS_DISK_GB = 30;

    ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                String description, String securityType, MarketplaceCatalog.Plan plan) {
        this(osType, hyperVGeneration, architecture, deprovisioned, description, securityType, plan,
                DEFAULT_OS_DISK_GB, Json.array());
    }

    /** An image without security features or plan. */
    ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                String description) {
        this(osType, hyperVGeneration, architecture, deprovisioned, description, null, null);
    }

    /** The same source with its disks. */
    ImageSource withDisks(int osDiskSizeGB, JsonNode dataDiskImages) {
        return new ImageSource(osType, hyperVGeneration, architecture, deprovisioned, description, securityType, plan,
                osDiskSizeGB, dataDiskImages == null ? Json.array() : dataDiskImages);
    }
}

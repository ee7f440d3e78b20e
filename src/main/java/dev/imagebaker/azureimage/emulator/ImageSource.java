package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a VM's OS disk comes from, and what Azure knows about it: OS type, Hyper-V generation, architecture,
 * whether the guest was deprovisioned before capture (a guest that was not never finishes provisioning), the
 * image's SecurityType feature (null when it has none), the purchase plan a VM from it must carry (null for
 * none), the OS disk's size and the image's data disks (as a gallery's dataDiskImages: lun, sizeInGB,
 * hostCaching), which a VM made from it receives; whether it is specialized (a gallery image whose osState is
 * Specialized: no OS profile, no provisioning) and then its guest's {@link GuestFacts} (empty otherwise).
 */
record ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                   String description, String securityType, MarketplaceCatalog.Plan plan, int osDiskSizeGB,
                   JsonNode dataDiskImages, boolean specialized, JsonNode guest) {
    /** Azure's smallest OS disk: what the emulator assumes when a source names no size. */
    static final int DEFAULT_OS_DISK_GB = 30;

    ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                String description, String securityType, MarketplaceCatalog.Plan plan) {
        this(osType, hyperVGeneration, architecture, deprovisioned, description, securityType, plan,
                DEFAULT_OS_DISK_GB, Json.array(), false, Json.object());
    }

    /** An image without security features or plan. */
    ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                String description) {
        this(osType, hyperVGeneration, architecture, deprovisioned, description, null, null);
    }

    /** The same source with its disks. */
    ImageSource withDisks(int osDiskSizeGB, JsonNode dataDiskImages) {
        return new ImageSource(osType, hyperVGeneration, architecture, deprovisioned, description, securityType, plan,
                osDiskSizeGB, dataDiskImages == null ? Json.array() : dataDiskImages, specialized, guest);
    }

    /** The same source as a specialized image whose guest is known by these facts. */
    ImageSource specializedWith(JsonNode facts) {
        return new ImageSource(osType, hyperVGeneration, architecture, deprovisioned, description, securityType, plan,
                osDiskSizeGB, dataDiskImages, true, facts == null || !facts.isObject() ? Json.object() : facts);
    }
}

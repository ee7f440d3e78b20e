package dev.imagebaker.azureimage.emulator;

/**
 * Where a VM's OS disk comes from, and what Azure knows about it: OS type, Hyper-V generation, architecture,
 * whether the guest was deprovisioned before capture (a guest that was not never finishes provisioning), the
 * image's SecurityType feature (null when it has none) and the purchase plan a VM from it must carry (null for
 * none).
 */
record ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                   String description, String securityType, MarketplaceCatalog.Plan plan) {

    /** An image without security features or plan. */
    ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                String description) {
        this(osType, hyperVGeneration, architecture, deprovisioned, description, null, null);
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The VM sizes every region offers, with the capabilities the Resource SKUs API reports (values are strings, as
 * Azure sends them). vCPUs, memory, generations, architecture, PremiumIO and accelerated networking follow the
 * acd size pages; TrustedLaunchDisabled follows trusted-launch.md (Dpsv5 and DCasv5 are in its "not supported"
 * column). Data-disk and NIC counts and the other capabilities are believed, not quoted in the research notes;
 * so are the AMD confidential value "SNP" and the family standardDPSv5Family (research notes, open points).
 */
final class ComputeSkus {

    /** One VM size; capabilities keep Azure's order and names. */
    record Size(String name, String family, Map<String, String> capabilities) {
        String capability(String key) {
            return capabilities.get(key);
        }

        int vCpus() {
            return Integer.parseInt(capability("vCPUs"));
        }

        String architecture() {
            return capability("CpuArchitectureType");
        }

        /** Whether the size boots images of that Hyper-V generation (V1 or V2). */
        boolean boots(String generation) {
            return List.of(capability("HyperVGenerations").split(",")).contains(generation.toUpperCase(Locale.ROOT));
        }

        /** A Gen2 size without TrustedLaunchDisabled=True supports Trusted Launch (trusted-launch-faq.md). */
        boolean trustedLaunch() {
            return boots("V2") && !"True".equals(capability("TrustedLaunchDisabled"));
        }

        boolean confidential() {
            return capability("ConfidentialComputingType") != null;
        }
    }

    private static final Map<String, Size> SIZES = new LinkedHashMap<>();

    static {
        // name, family, vCPUs, MemoryGB, HyperVGenerations, CpuArchitectureType, PremiumIO,
        // AcceleratedNetworkingEnabled, MaxResourceVolumeMB, MaxDataDiskCount, MaxNetworkInterfaces, extras
        add("Standard_D2s_v5", "standardDSv5Family", "2", "8", "V1,V2", "x64", "True", "True", "0", "4", "2");
        add("Standard_D4s_v5", "standardDSv5Family", "4", "16", "V1,V2", "x64", "True", "True", "0", "8", "2");
        add("Standard_D2s_v3", "standardDSv3Family", "2", "8", "V1,V2", "x64", "True", "True", "16384", "4", "2");
        add("Standard_B2s", "standardBSFamily", "2", "4", "V1,V2", "x64", "True", "False", "8192", "4", "3");
        add("Standard_D2ps_v5", "standardDPSv5Family", "2", "8", "V2", "Arm64", "True", "True", "0", "4", "2",
                "TrustedLaunchDisabled", "True");
        add("Standard_DC2as_v5", "standardDCASv5Family", "2", "8", "V2", "x64", "True", "False", "0", "4", "2",
                "ConfidentialComputingType", "SNP", "TrustedLaunchDisabled", "True");
        add("Standard_A1_v2", "standardAv2Family", "1", "2", "V1", "x64", "False", "False", "10240", "2", "2");
        add("Standard_D2as_v5", "standardDASv5Family", "2", "8", "V1,V2", "x64", "True", "True", "0", "4", "2");
        add("Standard_E2s_v5", "standardESv5Family", "2", "16", "V1,V2", "x64", "True", "True", "0", "4", "2");
        add("Standard_F2s_v2", "standardFSv2Family", "2", "4", "V1,V2", "x64", "True", "True", "16384", "4", "2");
    }

    private ComputeSkus() {
    }

    private static void add(String name, String family, String vCpus, String memoryGb, String generations,
                            String arch, String premiumIo, String acceleratedNetworking, String tempDiskMb,
                            String dataDisks, String nics, String... extra) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("MaxResourceVolumeMB", tempDiskMb);
        c.put("OSVhdSizeMB", "1047552");
        c.put("vCPUs", vCpus);
        c.put("MemoryPreservingMaintenanceSupported", "True");
        c.put("HyperVGenerations", generations);
        c.put("MemoryGB", memoryGb);
        c.put("MaxDataDiskCount", dataDisks);
        c.put("CpuArchitectureType", arch);
        c.put("LowPriorityCapable", "True");
        c.put("PremiumIO", premiumIo);
        c.put("VMDeploymentTypes", "IaaS");
        c.put("vCPUsAvailable", vCpus);
        c.put("vCPUsPerCore", arch.equals("Arm64") || vCpus.equals("1") ? "1" : "2");
        c.put("EphemeralOSDiskSupported", tempDiskMb.equals("0") ? "False" : "True");
        c.put("EncryptionAtHostSupported", "True");
        c.put("CapacityReservationSupported", "True");
        for (int i = 0; i < extra.length; i += 2) {
            c.put(extra[i], extra[i + 1]);
        }
        c.put("AcceleratedNetworkingEnabled", acceleratedNetworking);
        c.put("RdmaEnabled", "False");
        c.put("MaxNetworkInterfaces", nics);
        SIZES.put(name.toLowerCase(Locale.ROOT), new Size(name, family, Collections.unmodifiableMap(c)));
    }

    /** The size of that name (case-insensitive, as ARM compares sizes), or null when no region offers it. */
    static Size find(String name) {
        return name == null ? null : SIZES.get(name.toLowerCase(Locale.ROOT));
    }

    static List<Size> all() {
        return List.copyOf(SIZES.values());
    }

    /** One item of the Resource SKUs list: the size in one region, restricted when the subscription may not use it. */
    static ObjectNode item(Size size, String location, boolean restricted) {
        ObjectNode sku = Json.object();
        sku.put("resourceType", "virtualMachines");
        sku.put("name", size.name());
        sku.put("tier", "Standard");
        sku.put("size", size.name().substring("Standard_".length()));
        sku.put("family", size.family());
        sku.putArray("locations").add(location);
        ObjectNode info = sku.putArray("locationInfo").addObject();
        info.put("location", location);
        ArrayNode zones = info.putArray("zones");
        Regions.zones(location).forEach(zones::add);
        info.putArray("zoneDetails");
        ArrayNode capabilities = sku.putArray("capabilities");
        size.capabilities().forEach((k, v) -> capabilities.addObject().put("name", k).put("value", v));
        ArrayNode restrictions = sku.putArray("restrictions");
        if (restricted) {
            ObjectNode r = restrictions.addObject();
            r.put("type", "Location");
            r.putArray("values").add(location);
            r.putObject("restrictionInfo").putArray("locations").add(location);
            r.put("reasonCode", "NotAvailableForSubscription");
        }
        return sku;
    }
}

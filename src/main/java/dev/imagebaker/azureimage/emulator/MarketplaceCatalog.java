package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seeded marketplace catalogue. Versions are listed in publication order; RHEL 9 has 9.8 and 9.10, which
 * sort differently as text and as numbers, as real catalogues do. Gen2 images carry the features Azure reports
 * (acd trusted-launch-faq.md's REST example for Canonical 22_04-lts-gen2; TrustedLaunchAndConfidentialVmSupported
 * for Windows Server 2022 Azure Edition); Gen1 images carry none (Azure/azure-cli #17599). One third-party image
 * (CIS Ubuntu 24.04 Level 1) has a purchase plan, so that plans and terms can be exercised.
 */
final class MarketplaceCatalog {

    /** A feature of an image version or gallery image definition: {"name":...,"value":...}. */
    record Feature(String name, String value) {
    }

    /** A marketplace purchase plan: VM plan {name, publisher, product}, gallery purchasePlan likewise. */
    record Plan(String name, String publisher, String product) {
        /** The plan a JSON object names, or null for an absent or null one. */
        static Plan of(JsonNode node) {
            if (node == null || !node.isObject() || node.path("name").asText(null) == null) {
                return null;
            }
            return new Plan(node.path("name").asText(), node.path("publisher").asText(null),
                    node.path("product").asText(null));
        }

        boolean sameAs(Plan other) {
            return other != null && name.equalsIgnoreCase(other.name)
                    && String.valueOf(publisher).equalsIgnoreCase(String.valueOf(other.publisher))
                    && String.valueOf(product).equalsIgnoreCase(String.valueOf(other.product));
        }

        ObjectNode toJson() {
            ObjectNode plan = Json.object();
            plan.put("publisher", publisher);
            plan.put("name", name);
            plan.put("product", product);
            return plan;
        }
    }

    record Sku(String publisher, String offer, String sku, String osType, String hyperVGeneration,
               String architecture, int diskSizeGb, List<String> versions, List<Feature> features, Plan plan) {
        boolean is(String p, String o, String s) {
            return publisher.equalsIgnoreCase(p) && offer.equalsIgnoreCase(o) && sku.equalsIgnoreCase(s);
        }

        /** The SecurityType feature's value, or null (every Gen1 image). */
        String securityType() {
            return features.stream().filter(f -> f.name().equals("SecurityType")).map(Feature::value).findFirst()
                    .orElse(null);
        }
    }

    private final List<Sku> skus = new ArrayList<>();

    MarketplaceCatalog() {
        List<String> jammy = List.of("22.04.202409100", "22.04.202410020", "22.04.202411190");
        add("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts", "Linux", "V1", "x64", 30, jammy);
        add("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "Linux", "V2", "x64", 30, jammy);
        add("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-arm64", "Linux", "V2", "Arm64", 30, jammy);
        List<String> noble = List.of("24.04.202409120", "24.04.202410090", "24.04.202411030");
        add("Canonical", "ubuntu-24_04-lts", "server", "Linux", "V2", "x64", 30, noble);
        add("Canonical", "ubuntu-24_04-lts", "server-gen1", "Linux", "V1", "x64", 30, noble);
        add("Canonical", "ubuntu-24_04-lts", "server-arm64", "Linux", "V2", "Arm64", 30, noble);
        List<String> bookworm = List.of("0.20240703.1797", "0.20241004.1890", "0.20241111.1927");
        add("Debian", "debian-12", "12", "Linux", "V1", "x64", 30, bookworm);
        add("Debian", "debian-12", "12-gen2", "Linux", "V2", "x64", 30, bookworm);
        add("Debian", "debian-12", "12-arm64", "Linux", "V2", "Arm64", 30, bookworm);
        List<String> rhel = List.of("9.4.2024072510", "9.8.2025052112", "9.10.2025111009");
        add("RedHat", "RHEL", "9-lvm", "Linux", "V1", "x64", 64, rhel);
        add("RedHat", "RHEL", "9-lvm-gen2", "Linux", "V2", "x64", 64, rhel);
        List<String> ws2019 = List.of("17763.6293.240905", "17763.6414.241010", "17763.6532.241101");
        add("MicrosoftWindowsServer", "WindowsServer", "2019-datacenter", "Windows", "V1", "x64", 127, ws2019);
        add("MicrosoftWindowsServer", "WindowsServer", "2019-datacenter-gensecond", "Windows", "V2", "x64", 127,
                ws2019);
        List<String> ws2022 = List.of("20348.2700.240911", "20348.2762.241009", "20348.2849.241106");
        add("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter", "Windows", "V1", "x64", 127, ws2022);
        add("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-g2", "Windows", "V2", "x64", 127, ws2022);
        add("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition", "Windows", "V2", "x64",
                127, ws2022);
        List<String> ws2025 = List.of("26100.1742.240906", "26100.2033.241004", "26100.2314.241107");
        add("MicrosoftWindowsServer", "WindowsServer", "2025-datacenter-g2", "Windows", "V2", "x64", 127, ws2025);
        add("MicrosoftWindowsServer", "WindowsServer", "2025-datacenter-azure-edition", "Windows", "V2", "x64",
                127, ws2025);
        List<String> cis = List.of("1.0.8", "1.0.10", "1.0.12");
        Plan cisPlan = new Plan("cis-ubuntu2404-l1", "center-for-internet-security-inc", "cis-ubuntu");
        skus.add(new Sku("center-for-internet-security-inc", "cis-ubuntu", "cis-ubuntu2404-l1", "Linux", "V2", "x64",
                30, cis, List.of(new Feature("SecurityType", "TrustedLaunchSupported"),
                        new Feature("IsAcceleratedNetworkSupported", "True")), cisPlan));
    }

    private void add(String publisher, String offer, String sku, String osType, String gen, String arch,
                     int diskSizeGb, List<String> versions) {
        skus.add(new Sku(publisher, offer, sku, osType, gen, arch, diskSizeGb, versions,
                features(publisher, sku, gen, arch), null));
    }

    /** What Azure reports for a free image: nothing for Gen1, the Trusted Launch capabilities for Gen2. */
    private static List<Feature> features(String publisher, String sku, String gen, String arch) {
        if (gen.equals("V1")) {
            return List.of();
        }
        String security = sku.equals("2022-datacenter-azure-edition") ? "TrustedLaunchAndConfidentialVmSupported"
                : "TrustedLaunchSupported";
        List<Feature> features = new ArrayList<>(List.of(new Feature("SecurityType", security),
                new Feature("IsAcceleratedNetworkSupported", "True")));
        if (publisher.equals("Canonical") || publisher.equals("MicrosoftWindowsServer")) {
            features.add(new Feature("DiskControllerTypes", "SCSI, NVMe"));
            features.add(new Feature("IsHibernateSupported", arch.equals("x64") ? "True" : "False"));
        }
        return List.copyOf(features);
    }

    List<String> publishers() {
        return skus.stream().map(Sku::publisher).distinct().toList();
    }

    List<String> offers(String publisher) {
        List<String> offers = skus.stream().filter(s -> s.publisher.equalsIgnoreCase(publisher))
                .map(Sku::offer).distinct().toList();
        if (offers.isEmpty()) {
            throw notFound();
        }
        return offers;
    }

    List<Sku> skus(String publisher, String offer) {
        List<Sku> found = skus.stream()
                .filter(s -> s.publisher.equalsIgnoreCase(publisher) && s.offer.equalsIgnoreCase(offer)).toList();
        if (found.isEmpty()) {
            throw notFound();
        }
        return found;
    }

    Sku sku(String publisher, String offer, String sku) {
        return skus.stream().filter(s -> s.is(publisher, offer, sku)).findFirst()
                .orElseThrow(MarketplaceCatalog::notFound);
    }

    /** The plan of that publisher, offer (the plan's product) and name, or null when no image is sold under it. */
    Plan plan(String publisher, String offer, String planName) {
        return skus.stream().map(Sku::plan).filter(java.util.Objects::nonNull)
                .filter(p -> p.sameAs(new Plan(planName, publisher, offer))).findFirst().orElse(null);
    }

    /** The concrete version: "latest" is the highest version compared part by part as numbers, as Azure does. */
    String resolve(Sku sku, String version) {
        if ("latest".equalsIgnoreCase(version)) {
            return sku.versions.stream().max(MarketplaceCatalog::compareNumerically).orElseThrow();
        }
        return sku.versions.stream().filter(v -> v.equals(version)).findFirst()
                .orElseThrow(MarketplaceCatalog::notFound);
    }

    static int compareNumerically(String a, String b) {
        long[] x = Arrays.stream(a.split("\\.")).mapToLong(Long::parseLong).toArray();
        long[] y = Arrays.stream(b.split("\\.")).mapToLong(Long::parseLong).toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Long.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    static ArmException notFound() {
        return new ArmException(404, "NotFound", "Artifact: VMImage was not found.");
    }

    static String urn(Sku sku, String version) {
        return String.join(":", sku.publisher, sku.offer, sku.sku, version).toLowerCase(Locale.ROOT);
    }
}

package dev.imagebaker.azureimage.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seeded marketplace catalogue. Versions are listed in publication order; RHEL 9 has 9.8 and 9.10, which
 * sort differently as text and as numbers, as real catalogues do.
 */
final class MarketplaceCatalog {

    record Sku(String publisher, String offer, String sku, String osType, String hyperVGeneration,
               String architecture, int diskSizeGb, List<String> versions) {
        boolean is(String p, String o, String s) {
            return publisher.equalsIgnoreCase(p) && offer.equalsIgnoreCase(o) && sku.equalsIgnoreCase(s);
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
    }

    private void add(String publisher, String offer, String sku, String osType, String gen, String arch,
                     int diskSizeGb, List<String> versions) {
        skus.add(new Sku(publisher, offer, sku, osType, gen, arch, diskSizeGb, versions));
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

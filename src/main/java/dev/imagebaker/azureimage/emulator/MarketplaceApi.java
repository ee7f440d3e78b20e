package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Marketplace image listings under /providers/Microsoft.Compute/locations/{location}/publishers. */
final class MarketplaceApi implements ResourceApi {
    private static final String BASE = "/subscriptions/{sub}/providers/Microsoft.Compute/locations/{loc}/publishers";
    private final CloudState cloud;

    MarketplaceApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("GET", BASE, this::publishers);
        router.add("GET", BASE + "/{pub}/artifacttypes/vmimage/offers", this::offers);
        router.add("GET", BASE + "/{pub}/artifacttypes/vmimage/offers/{offer}/skus", this::skus);
        router.add("GET", BASE + "/{pub}/artifacttypes/vmimage/offers/{offer}/skus/{sku}/versions", this::versions);
        router.add("GET", BASE + "/{pub}/artifacttypes/vmimage/offers/{offer}/skus/{sku}/versions/{version}",
                this::version);
    }

    private String location(Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        String location = Regions.normalize(p.get("loc"));
        if (location == null) {
            throw new ArmException(400, "InvalidLocation", "The location '" + p.get("loc") + "' is invalid.");
        }
        return location;
    }

    private ObjectNode entry(Router.Params p, String location, String name, String path) {
        ObjectNode e = Json.object();
        e.put("location", location);
        e.put("name", name);
        e.put("id", "/Subscriptions/" + p.get("sub") + "/Providers/Microsoft.Compute/Locations/" + location
                + "/Publishers/" + path);
        return e;
    }

    private ArmResponse publishers(ArmRequest req, Router.Params p) {
        String loc = location(p);
        ArrayNode out = Json.array();
        cloud.marketplace.publishers().forEach(pub -> out.add(entry(p, loc, pub, pub)));
        return ArmResponse.ok(out);
    }

    private ArmResponse offers(ArmRequest req, Router.Params p) {
        String loc = location(p);
        ArrayNode out = Json.array();
        for (String offer : cloud.marketplace.offers(p.get("pub"))) {
            out.add(entry(p, loc, offer, p.get("pub") + "/ArtifactTypes/VMImage/Offers/" + offer));
        }
        return ArmResponse.ok(out);
    }

    private ArmResponse skus(ArmRequest req, Router.Params p) {
        String loc = location(p);
        ArrayNode out = Json.array();
        for (MarketplaceCatalog.Sku sku : cloud.marketplace.skus(p.get("pub"), p.get("offer"))) {
            out.add(entry(p, loc, sku.sku(), sku.publisher() + "/ArtifactTypes/VMImage/Offers/" + sku.offer()
                    + "/Skus/" + sku.sku()));
        }
        return ArmResponse.ok(out);
    }

    /** Lists versions; $orderby=name sorts as text, exactly like ARM (so 9.8 comes after 9.10). */
    private ArmResponse versions(ArmRequest req, Router.Params p) {
        String loc = location(p);
        MarketplaceCatalog.Sku sku = cloud.marketplace.sku(p.get("pub"), p.get("offer"), p.get("sku"));
        List<String> versions = new ArrayList<>(sku.versions());
        String orderBy = req.query("$orderby");
        if (orderBy != null) {
            versions.sort(Comparator.naturalOrder());
            if (orderBy.toLowerCase(Locale.ROOT).endsWith("desc")) {
                java.util.Collections.reverse(versions);
            }
        }
        String top = req.query("$top");
        if (top != null) {
            versions = versions.subList(0, Math.min(versions.size(), Integer.parseInt(top)));
        }
        ArrayNode out = Json.array();
        for (String v : versions) {
            out.add(entry(p, loc, v, versionPath(sku, v)));
        }
        return ArmResponse.ok(out);
    }

    private ArmResponse version(ArmRequest req, Router.Params p) {
        String loc = location(p);
        MarketplaceCatalog.Sku sku = cloud.marketplace.sku(p.get("pub"), p.get("offer"), p.get("sku"));
        if ("latest".equalsIgnoreCase(p.get("version"))) {
            throw MarketplaceCatalog.notFound();
        }
        String version = cloud.marketplace.resolve(sku, p.get("version"));
        ObjectNode body = entry(p, loc, version, versionPath(sku, version));
        // The shape of the real Canonical 22_04-lts-gen2 answer in acd trusted-launch-faq.md; plan is null for a
        // free image, as the CLI shows it.
        ObjectNode props = body.putObject("properties");
        if (sku.plan() == null) {
            props.putNull("plan");
        } else {
            props.set("plan", sku.plan().toJson());
        }
        props.put("hyperVGeneration", sku.hyperVGeneration());
        props.put("architecture", sku.architecture());
        props.put("replicaType", "Managed");
        props.put("replicaCount", 10);
        props.putObject("disallowed").put("vmDiskType", "Unmanaged");
        props.putObject("automaticOSUpgradeProperties").put("automaticOSUpgradeSupported", false);
        props.putObject("imageDeprecationStatus").put("imageState", "Active");
        // Always listed (VirtualMachineImage_Get_MaximumSet_Gen.json), empty for an image without features.
        ArrayNode features = props.putArray("features");
        sku.features().forEach(f -> features.addObject().put("name", f.name()).put("value", f.value()));
        // A VHD of N GiB plus its 512-byte footer, as az vm image show reports it (sizeInGb rounds up).
        long bytes = sku.diskSizeGb() * (1L << 30) + 512;
        ObjectNode os = props.putObject("osDiskImage");
        os.put("operatingSystem", sku.osType());
        os.put("sizeInBytes", bytes);
        os.put("sizeInGb", (bytes + (1L << 30) - 1) >> 30);
        props.putArray("dataDiskImages");
        return ArmResponse.ok(body);
    }

    private static String versionPath(MarketplaceCatalog.Sku sku, String version) {
        return sku.publisher() + "/ArtifactTypes/VMImage/Offers/" + sku.offer() + "/Skus/" + sku.sku()
                + "/Versions/" + version;
    }
}

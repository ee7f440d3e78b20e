package dev.imagebaker.azureimage.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictions;
import com.azure.resourcemanager.resources.models.Location;
import com.azure.resourcemanager.resources.models.RegionType;
import dev.imagebaker.azureimage.bake.cloud.Catalog;
import dev.imagebaker.azureimage.bake.cloud.PurchasePlan;
import dev.imagebaker.azureimage.bake.cloud.VmSku;
import dev.imagebaker.azureimage.config.AzureRegions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the subscription may use: regions (the subscription's locations), VM sizes (the Resource SKUs API, filtered to
 * one location as the API allows) and marketplace terms (MarketplaceOrdering agreements, api-version 2021-01-01,
 * called through the same authenticated pipeline: the compute SDK has no client for it). Answers are kept for the
 * run: a bake asks once per region.
 */
final class AzureCatalog implements Catalog {
    private final ArmClients clients;
    private final ArmReads reads;
    private Set<String> regions;
    private final Map<String, List<VmSku>> sizes = new HashMap<>();

    AzureCatalog(ArmClients clients) {
        this.clients = clients;
        this.reads = new ArmReads(clients);
    }

    @Override
    public synchronized Set<String> regions() {
        if (regions == null) {
            regions = Lro.call(() -> {
                Set<String> names = new TreeSet<>();
                for (Location l : clients.resources().subscriptions().getById(clients.subscriptionId()).listLocations()) {
                    if (l.regionType() == null || l.regionType() == RegionType.PHYSICAL) {
                        names.add(AzureRegions.normalize(l.name()));
                    }
                }
                return names;
            });
        }
        return regions;
    }

    @Override
    public synchronized List<VmSku> vmSizes(String location) {
        return sizes.computeIfAbsent(location, l -> Lro.call(() -> {
            List<VmSku> skus = new ArrayList<>();
            for (ResourceSkuInner sku : clients.compute().getResourceSkus().list("location eq '" + l + "'",
                    null, Context.NONE)) {
                if ("virtualMachines".equalsIgnoreCase(sku.resourceType())) {
                    skus.add(toSku(sku));
                }
            }
            return skus;
        }));
    }

    /** Capability values are strings ("V1,V2", "True"); a Gen2 size without TrustedLaunchDisabled supports it. */
    private static VmSku toSku(ResourceSkuInner sku) {
        Map<String, String> caps = new HashMap<>();
        if (sku.capabilities() != null) {
            for (ResourceSkuCapabilities c : sku.capabilities()) {
                caps.put(c.name().toLowerCase(Locale.ROOT), c.value());
            }
        }
        Set<String> generations = new LinkedHashSet<>(Arrays.asList(caps.getOrDefault("hypervgenerations", "V1")
                .replace(" ", "").split(",")));
        boolean trustedLaunch = generations.contains("V2") && !"True".equalsIgnoreCase(caps.get(
                "trustedlaunchdisabled"));
        List<String> restrictions = new ArrayList<>();
        if (sku.restrictions() != null) {
            for (ResourceSkuRestrictions r : sku.restrictions()) {
                restrictions.add((r.reasonCode() == null ? "restricted" : r.reasonCode().toString())
                        + (r.type() == null ? "" : " (" + r.type() + ")"));
            }
        }
        return new VmSku(sku.name(), sku.family() == null ? "" : sku.family(), parseInt(caps.get("vcpus")),
                parseDouble(caps.get("memorygb")), generations, caps.getOrDefault("cpuarchitecturetype", "x64"),
                trustedLaunch, caps.containsKey("confidentialcomputingtype"), restrictions,
                caps.containsKey("maxdatadiskcount") ? parseInt(caps.get("maxdatadiskcount")) : 0);
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String s) {
        try {
            return s == null ? 0 : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public boolean termsAccepted(PurchasePlan plan) {
        // No client for Microsoft.MarketplaceOrdering in the SDK in use: a plain GET (MarketplaceOrdering 2021-01-01).
        String path = "/subscriptions/" + clients.subscriptionId() + "/providers/Microsoft.MarketplaceOrdering"
                + "/offerTypes/virtualmachine/publishers/" + ArmReads.segment(plan.publisher()) + "/offers/"
                + ArmReads.segment(plan.product()) + "/plans/" + ArmReads.segment(plan.name()) + "/agreements/current";
        return reads.require(path, "2021-01-01", "Reading the marketplace terms of plan " + plan.name())
                .path("properties").path("accepted").asBoolean(false);
    }
}

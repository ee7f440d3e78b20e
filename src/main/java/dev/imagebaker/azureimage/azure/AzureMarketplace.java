package dev.imagebaker.azureimage.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.cloud.Marketplace;
import dev.imagebaker.azureimage.bake.cloud.PurchasePlan;
import dev.imagebaker.azureimage.config.OsType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The marketplace catalogue through the VirtualMachineImages API, read with plain GETs (a no-op rebake's first
 * reads: they need no generated client).
 */
final class AzureMarketplace implements Marketplace {
    private final ArmClients clients;
    private final ArmReads reads;

    AzureMarketplace(ArmClients clients) {
        this.clients = clients;
        this.reads = new ArmReads(clients);
    }

    @Override
    public List<String> versions(String location, String publisher, String offer, String sku) {
        JsonNode list = reads.require(skuPath(location, publisher, offer, sku) + "/versions", ArmReads.COMPUTE_API,
                "Listing the versions of " + publisher + ":" + offer + ":" + sku);
        List<String> names = new ArrayList<>();
        list.forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    /** VirtualMachineImage (ComputeRP virtualMachineImage.json): properties.osDiskImage, hyperVGeneration, ... */
    @Override
    public ImageFacts facts(String location, String publisher, String offer, String sku, String version) {
        JsonNode image = reads.require(skuPath(location, publisher, offer, sku) + "/versions/"
                + ArmReads.segment(version), ArmReads.COMPUTE_API, "Reading marketplace image " + publisher + ":"
                + offer + ":" + sku + ":" + version);
        JsonNode props = image.path("properties");
        String os = props.path("osDiskImage").path("operatingSystem").asText("Linux");
        Map<String, String> features = new LinkedHashMap<>();
        props.path("features").forEach(f -> features.put(f.path("name").asText(), f.path("value").asText()));
        JsonNode plan = props.path("plan");
        PurchasePlan purchasePlan = plan.isMissingNode() || plan.isNull() ? null
                : new PurchasePlan(plan.path("name").asText(), plan.path("publisher").asText(),
                        plan.path("product").asText());
        return new ImageFacts(os.equalsIgnoreCase("Windows") ? OsType.WINDOWS : OsType.LINUX,
                props.path("hyperVGeneration").asText("V1"), props.path("architecture").asText("x64"), features,
                purchasePlan);
    }

    private String skuPath(String location, String publisher, String offer, String sku) {
        return "/subscriptions/" + clients.subscriptionId() + "/providers/Microsoft.Compute/locations/"
                + ArmReads.segment(location) + "/publishers/" + ArmReads.segment(publisher)
                + "/artifacttypes/vmimage/offers/" + ArmReads.segment(offer) + "/skus/" + ArmReads.segment(sku);
    }
}

package dev.imagebaker.azureimage.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageResourceInner;
import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.cloud.Marketplace;
import dev.imagebaker.azureimage.bake.cloud.PurchasePlan;
import dev.imagebaker.azureimage.config.OsType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The marketplace catalogue through the VirtualMachineImages API. */
final class AzureMarketplace implements Marketplace {
    private final ArmClients clients;

    AzureMarketplace(ArmClients clients) {
        this.clients = clients;
    }

    @Override
    public List<String> versions(String location, String publisher, String offer, String sku) {
        return Lro.call(() -> clients.compute().getVirtualMachineImages().list(location, publisher, offer, sku)
                .stream().map(VirtualMachineImageResourceInner::name).toList());
    }

    @Override
    public ImageFacts facts(String location, String publisher, String offer, String sku, String version) {
        VirtualMachineImageInner image = Lro.call(() -> clients.compute().getVirtualMachineImages()
                .get(location, publisher, offer, sku, version));
        String os = image.osDiskImage() == null ? "Linux" : image.osDiskImage().operatingSystem().toString();
        Map<String, String> features = new LinkedHashMap<>();
        if (image.features() != null) {
            image.features().forEach(f -> features.put(f.name(), f.value()));
        }
        PurchasePlan plan = image.plan() == null ? null : new PurchasePlan(image.plan().name(),
                image.plan().publisher(), image.plan().product());
        return new ImageFacts(os.equalsIgnoreCase("Windows") ? OsType.WINDOWS : OsType.LINUX,
                image.hyperVGeneration() == null ? "V1" : image.hyperVGeneration().toString(),
                image.architecture() == null ? "x64" : image.architecture().toString(), features, plan);
    }
}

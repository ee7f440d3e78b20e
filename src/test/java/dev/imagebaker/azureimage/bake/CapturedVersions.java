package dev.imagebaker.azureimage.bake;

import com.azure.core.management.Region;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.models.GalleryImageIdentifier;
import com.azure.resourcemanager.compute.models.HyperVGeneration;
import com.azure.resourcemanager.compute.models.VirtualMachine;
import dev.imagebaker.azureimage.azure.ArmConnection;
import dev.imagebaker.azureimage.bake.guest.Credentials;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.util.List;
import java.util.Map;

/** Gallery versions made with the raw SDK, as a user's other tools or a killed bake leave them. */
public final class CapturedVersions {
    private CapturedVersions() {
    }

    /**
     * A version captured with the raw SDK from a VM that was never deprovisioned in the guest; with failing, its
     * capture ends Failed (and it carries the plugin's build-id tag, as a killed bake's version would).
     */
    public static String capture(ArmEmulator emulator, String name, boolean failing) {
        try (ArmConnection.Connected raw = ArmConnection.emulator(emulator.endpoint(), emulator.certificatePem(),
                ArmEmulator.TENANT, ArmEmulator.DEFAULT_SUBSCRIPTION, List.of())) {
            ComputeManager azure = raw.compute();
            azure.resourceManager().resourceGroups().define("raw").withRegion(Region.EUROPE_WEST).create();
            VirtualMachine vm = azure.virtualMachines().define("vm").withRegion(Region.EUROPE_WEST)
                    .withExistingResourceGroup("raw").withNewPrimaryNetwork("10.0.0.0/28")
                    .withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                    .withLatestLinuxImage("Canonical", "ubuntu-24_04-lts", "server").withRootUsername("azureuser")
                    .withSsh(Credentials.sshPublicKey().reveal()).withSize("Standard_D2s_v5")
                    // Trusted Launch, as the plugin's definitions are: Azure refuses a capture across security types.
                    .withTrustedLaunch().withSecureBoot().withVTpm().create();
            vm.deallocate();
            vm.generalize();
            if (!azure.resourceManager().resourceGroups().contain("images-rg")) {
                azure.resourceManager().resourceGroups().define("images-rg").withRegion(Region.EUROPE_WEST).create();
                azure.galleries().define("corp_images").withRegion(Region.EUROPE_WEST)
                        .withExistingResourceGroup("images-rg").create();
                azure.galleryImages().define("orders-service").withExistingGallery("images-rg", "corp_images")
                        .withLocation(Region.EUROPE_WEST).withIdentifier(new GalleryImageIdentifier()
                                .withPublisher("c").withOffer("o").withSku("s")).withGeneralizedLinux()
                        .withHyperVGeneration(HyperVGeneration.V2).withTrustedLaunch().create();
            }
            if (failing) {
                emulator.faults().add(FaultRule.operationFailed("Microsoft.Compute/galleries/images/versions/write",
                        "ReplicationFailed", "Replication failed."));
            }
            var version = azure.galleryImageVersions().define(name)
                    .withExistingImage("images-rg", "corp_images", "orders-service").withLocation(Region.EUROPE_WEST)
                    .withSourceVirtualMachine(vm).withTags(Map.of(Tags.BUILD_ID, "killed"));
            try {
                return version.create().id();
            } catch (RuntimeException expected) {
                return "/subscriptions/" + ArmEmulator.DEFAULT_SUBSCRIPTION + "/resourceGroups/images-rg/providers/"
                        + "Microsoft.Compute/galleries/corp_images/images/orders-service/versions/" + name;
            } finally {
                azure.resourceManager().resourceGroups().deleteByName("raw");
            }
        }
    }
}

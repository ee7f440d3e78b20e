package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.management.Region;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.GalleryImage;
import com.azure.resourcemanager.compute.models.GalleryImageIdentifier;
import com.azure.resourcemanager.compute.models.GalleryImageVersion;
import com.azure.resourcemanager.compute.models.HyperVGeneration;
import com.azure.resourcemanager.compute.models.HyperVGenerationTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemStateTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.PowerState;
import com.azure.resourcemanager.compute.models.RunCommandInputParameter;
import com.azure.resourcemanager.compute.models.RunCommandResult;
import com.azure.resourcemanager.compute.models.VirtualMachine;
import com.azure.resourcemanager.compute.models.VirtualMachineCustomImage;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandScriptSource;
import com.azure.resourcemanager.network.models.Network;
import com.azure.resourcemanager.network.models.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole bake flow, driven by the real Azure SDK against the emulator. */
class SdkFlowTest extends EmulatorFixture {
    static final String SSH_KEY = TestKeys.SSH_PUBLIC_KEY;

    @Test
    void bakesAnImageEndToEnd() {
        azure.resourceManager().resourceGroups().define("build-rg").withRegion(Region.EUROPE_WEST).create();
        assertThat(azure.resourceManager().resourceGroups().contain("build-rg")).isTrue();

        Network vnet = azure.networkManager().networks().define("build-vnet").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("build-rg").withAddressSpace("10.0.0.0/24")
                .withSubnet("default", "10.0.0.0/24").create();
        NetworkInterface nic = azure.networkManager().networkInterfaces().define("build-nic")
                .withRegion(Region.EUROPE_WEST).withExistingResourceGroup("build-rg")
                .withExistingPrimaryNetwork(vnet).withSubnet("default").withPrimaryPrivateIPAddressDynamic().create();
        assertThat(nic.primaryPrivateIP()).startsWith("10.0.0.");

        VirtualMachine vm = azure.virtualMachines().define("build-vm").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("build-rg").withExistingPrimaryNetworkInterface(nic)
                .withLatestLinuxImage("Canonical", "ubuntu-24_04-lts", "server")
                .withRootUsername("azureuser").withSsh(SSH_KEY)
                .withOSDiskDeleteOptions(DeleteOptions.DELETE)
                .withSize("Standard_D2s_v5").create();
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(vm.innerModel().storageProfile().imageReference().exactVersion()).isEqualTo("24.04.202411030");

        VirtualMachineRunCommandInner script = azure.serviceClient().getVirtualMachineRunCommands().createOrUpdate(
                "build-rg", "build-vm", "10-packages", new VirtualMachineRunCommandInner()
                        .withLocation("westeurope")
                        .withSource(new VirtualMachineRunCommandScriptSource().withScript(
                                "apt-get install -y nginx\necho 'nginx installed'"))
                        .withAsyncExecution(false).withTimeoutInSeconds(600));
        assertThat(script.provisioningState()).isEqualTo("Succeeded");
        VirtualMachineRunCommandInner withView = azure.serviceClient().getVirtualMachineRunCommands()
                .getByVirtualMachineWithResponse("build-rg", "build-vm", "10-packages", "instanceView",
                        com.azure.core.util.Context.NONE).getValue();
        assertThat(withView.instanceView().exitCode()).isZero();
        assertThat(withView.instanceView().output()).isEqualTo("nginx installed\n");

        RunCommandResult action = vm.runShellScript(List.of("echo hello"), List.<RunCommandInputParameter>of());
        assertThat(action.value().get(0).message()).contains("Enable succeeded");

        azure.serviceClient().getVirtualMachineRunCommands().createOrUpdate("build-rg", "build-vm", "deprovision",
                new VirtualMachineRunCommandInner().withLocation("westeurope")
                        .withSource(new VirtualMachineRunCommandScriptSource().withScript(
                                "nohup sh -c 'sleep 2; waagent -force -deprovision+user && shutdown -h now' &"))
                        .withAsyncExecution(false));
        vm.refreshInstanceView();
        assertThat(vm.powerState()).isEqualTo(PowerState.STOPPED);

        vm.deallocate();
        vm.generalize();
        vm.refreshInstanceView();
        assertThat(vm.powerState()).isEqualTo(PowerState.DEALLOCATED);
        assertThat(vm.instanceView().statuses()).anyMatch(s -> s.code().equals("OSState/generalized"));

        VirtualMachineCustomImage image = azure.virtualMachineCustomImages().define("build-image")
                .withRegion(Region.EUROPE_WEST).withExistingResourceGroup("build-rg")
                .withHyperVGeneration(HyperVGenerationTypes.V2).fromVirtualMachine(vm).create();
        assertThat(image.hyperVGeneration()).isEqualTo(HyperVGenerationTypes.V2);

        azure.resourceManager().resourceGroups().define("images-rg").withRegion(Region.EUROPE_WEST).create();
        azure.galleries().define("corp_images").withRegion(Region.EUROPE_WEST).withExistingResourceGroup("images-rg")
                .create();
        GalleryImage definition = azure.galleryImages().define("orders").withExistingGallery("images-rg", "corp_images")
                .withLocation(Region.EUROPE_WEST).withIdentifier(new GalleryImageIdentifier()
                        .withPublisher("contoso").withOffer("orders").withSku("ubuntu2404"))
                .withGeneralizedLinux().withHyperVGeneration(HyperVGeneration.V2).create();
        assertThat(definition.osState()).isEqualTo(OperatingSystemStateTypes.GENERALIZED);
        assertThat(definition.osType()).isEqualTo(OperatingSystemTypes.LINUX);

        GalleryImageVersion version = azure.galleryImageVersions().define("1.2.3")
                .withExistingImage("images-rg", "corp_images", "orders").withLocation(Region.EUROPE_WEST)
                .withSourceVirtualMachine(vm).withRegionAvailability(Region.EUROPE_WEST, 1).create();
        assertThat(version.provisioningState()).isEqualTo("Succeeded");

        azure.resourceManager().resourceGroups().define("test-rg").withRegion(Region.EUROPE_WEST).create();
        VirtualMachine fromVersion = azure.virtualMachines().define("test-vm").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("test-rg").withNewPrimaryNetwork("10.1.0.0/24")
                .withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                .withGeneralizedLinuxGalleryImageVersion(version.id())
                .withRootUsername("azureuser").withSsh(SSH_KEY).withSize("Standard_D2s_v5").create();
        assertThat(fromVersion.powerState()).isEqualTo(PowerState.RUNNING);

        azure.resourceManager().resourceGroups().deleteByName("build-rg");
        azure.resourceManager().resourceGroups().deleteByName("test-rg");
        assertThat(azure.resourceManager().resourceGroups().contain("build-rg")).isFalse();
        assertThat(InventoryIds.of(emulator)).noneMatch(id -> id.contains("/resourceGroups/build-rg"))
                .noneMatch(id -> id.contains("/resourceGroups/test-rg"))
                .anyMatch(id -> id.endsWith("/images/orders/versions/1.2.3"));
    }
}

package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.RetrieveBootDiagnosticsDataResultInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.BootDiagnostics;
import com.azure.resourcemanager.compute.models.DiagnosticsProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.storage.blob.BlobClientBuilder;
import org.junit.jupiter.api.Test;

/**
 * Rule 17 (acd boot-diagnostics.md; spec VirtualMachine_RetrieveBootDiagnosticsData.json): managed boot
 * diagnostics, read through SAS URIs the storage SDK downloads from the emulator's blob service.
 */
class BootDiagnosticsTest extends PlacementFixture {

    private static VirtualMachineInner withBootDiagnostics(VirtualMachineInner vm) {
        return vm.withDiagnosticsProfile(new DiagnosticsProfile().withBootDiagnostics(new BootDiagnostics()
                .withEnabled(true)));
    }

    private RetrieveBootDiagnosticsDataResultInner retrieve(String vm) {
        return azure.serviceClient().getVirtualMachines().retrieveBootDiagnosticsDataWithResponse(RG, vm, 30,
                Context.NONE).getValue();
    }

    private String download(String url) {
        return new BlobClientBuilder().endpoint(url).httpClient(connection.httpClient()).buildClient()
                .downloadContent().toString();
    }

    @Test
    void theSerialLogOfAVmThatDeprovisionedTellsItsStory() {
        create("vm", withBootDiagnostics(linuxVm(nicFor("vm"), "Standard_D2s_v5", ubuntu())));
        RetrieveBootDiagnosticsDataResultInner uris = retrieve("vm");
        assertThat(uris.serialConsoleLogBlobUri()).contains("/bootdiagnostics-vm-").contains(".serialconsole.log?")
                .contains("sp=r").contains("sr=b");
        assertThat(uris.consoleScreenshotBlobUri()).contains(".screenshot.bmp?");
        String booted = download(uris.serialConsoleLogBlobUri());
        assertThat(booted).contains("Linux version 6.8.0-1017-azure").contains("Hyper-V UEFI")
                .contains("WALinuxAgent[701]: Provisioning complete").contains("build login:")
                .doesNotContain("reboot: Power down");
        assertThat(new BlobClientBuilder().endpoint(uris.consoleScreenshotBlobUri()).httpClient(connection
                .httpClient()).buildClient().downloadContent().toBytes()).startsWith('B', 'M');
        generalize("vm");
        String deprovisioned = download(retrieve("vm").serialConsoleLogBlobUri());
        assertThat(deprovisioned).contains("waagent[2210]: WARNING! The waagent service will be stopped.")
                .contains("WARNING! azureuser account and entire home directory will be deleted.")
                .contains("reboot: Power down");
        // Managed boot diagnostics storage is Azure's: no inventory shows it.
        assertThat(InventoryIds.of(emulator)).noneMatch(id -> id.contains("Microsoft.Storage"));
    }

    /** A guest captured without deprovisioning skips provisioning, so Azure times out waiting for it. */
    @Test
    void theSerialLogOfAGuestNeverDeprovisionedShowsWhyProvisioningTimedOut() {
        create("build", linuxVm(nicFor("build"), "Standard_D2s_v5", ubuntu()));
        azure.serviceClient().getVirtualMachines().deallocate(RG, "build");
        azure.serviceClient().getVirtualMachines().generalize(RG, "build");
        azure.galleries().define("corp_images").withRegion(REGION).withExistingResourceGroup(RG).create();
        azure.serviceClient().getGalleryImages().createOrUpdate(RG, "corp_images", "orders",
                new com.azure.resourcemanager.compute.fluent.models.GalleryImageInner().withLocation(REGION)
                        .withOsType(com.azure.resourcemanager.compute.models.OperatingSystemTypes.LINUX)
                        .withOsState(com.azure.resourcemanager.compute.models.OperatingSystemStateTypes.GENERALIZED)
                        .withHyperVGeneration(com.azure.resourcemanager.compute.models.HyperVGeneration.V2)
                        .withIdentifier(new com.azure.resourcemanager.compute.models.GalleryImageIdentifier()
                                .withPublisher("contoso").withOffer("orders").withSku("s")));
        ImageReference image = new ImageReference().withId(version("orders", vmResource("build").id.value()));
        String nic = nicFor("test");
        assertArmError(() -> create("test", withBootDiagnostics(linuxVm(nic, "Standard_D2s_v5", image))),
                "OSProvisioningTimedOut");
        assertThat(download(retrieve("test").serialConsoleLogBlobUri()))
                .contains("WALinuxAgent[701]: Provisioning already completed, skipping.")
                .doesNotContain("Provisioning complete");
    }

    @Test
    void aWindowsVmLogsTheSpecialAdministrationConsole() {
        VirtualMachineInner windows = linuxVm(nicFor("win"), "Standard_D2s_v5", marketplace("MicrosoftWindowsServer",
                "WindowsServer", "2022-datacenter-g2"));
        windows.osProfile().withLinuxConfiguration(null).withAdminPassword("Correct-Horse-9");
        create("win", withBootDiagnostics(windows));
        assertThat(download(retrieve("win").serialConsoleLogBlobUri()))
                .contains("Computer is booting, SAC started and initialized.");
    }

    /** Rule 17: disabled boot diagnostics answer 409; OperationNotAllowed is the research's best guess. */
    @Test
    void disabledBootDiagnosticsAreAConflict() {
        create("vm", linuxVm(nicFor("vm"), "Standard_D2s_v5", ubuntu()));
        assertThatThrownBy(() -> retrieve("vm")).isInstanceOfSatisfying(ManagementException.class, e -> {
            assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
            assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
        });
    }
}

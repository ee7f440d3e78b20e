package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.fluent.models.GalleryImageVersionInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.GalleryDiskImageSource;
import com.azure.resourcemanager.compute.models.GalleryImageIdentifier;
import com.azure.resourcemanager.compute.models.GalleryImageVersion;
import com.azure.resourcemanager.compute.models.GalleryImageVersionPublishingProfile;
import com.azure.resourcemanager.compute.models.GalleryImageVersionStorageProfile;
import com.azure.resourcemanager.compute.models.GalleryOSDiskImage;
import com.azure.resourcemanager.compute.models.HyperVGeneration;
import com.azure.resourcemanager.compute.models.OperatingSystemStateTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.PowerState;
import com.azure.resourcemanager.compute.models.Snapshot;
import com.azure.resourcemanager.compute.models.SnapshotSkuType;
import com.azure.resourcemanager.compute.models.VirtualMachine;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandScriptSource;
import org.junit.jupiter.api.Test;

/**
 * A layer cache through the real SDK: a snapshot of a running build VM's OS disk, a gallery version from it in a
 * Specialized definition, a VM from that version, then that VM captured as usual. Sources: DiskRP 2025-01-02
 * snapshot.json and snapshotExamples (Snapshot_Get.json: osType, hyperVGeneration, diskSizeGB, creationData with
 * sourceUniqueId); a source missing or in another region is NotFound "Resource {name} is not found."
 * (Azure/azure-cli #11909, #16385); GalleryRP 2024-03-03 GalleryImageVersion_Create_WithSnapshotsAsSource.json;
 * "Parameter 'osProfile' is not allowed." for a VM from a specialized gallery image
 * (hashicorp/packer-plugin-azure #307); a snapshot is "a full, read-only copy" (azure-docs
 * snapshot-copy-managed-disk.md), so its source disk can go.
 */
class SnapshotsAndSpecializedTest extends EmulatorFixture {
    private static final String RG = "build-rg";

    private VirtualMachine buildVm(String name, String range) {
        if (!azure.resourceManager().resourceGroups().contain(RG)) {
            azure.resourceManager().resourceGroups().define(RG).withRegion(Region.EUROPE_WEST).create();
        }
        return azure.virtualMachines().define(name).withRegion(Region.EUROPE_WEST).withExistingResourceGroup(RG)
                .withNewPrimaryNetwork(range).withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                .withLatestLinuxImage("Canonical", "ubuntu-24_04-lts", "server")
                .withRootUsername("azureuser").withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create();
    }

    private VirtualMachineRunCommandInner run(String vm, String name, String script) {
        return azure.serviceClient().getVirtualMachineRunCommands().createOrUpdate(RG, vm, name,
                new VirtualMachineRunCommandInner().withLocation("westeurope")
                        .withSource(new VirtualMachineRunCommandScriptSource().withScript(script)));
    }

    private Snapshot snapshotOf(VirtualMachine vm, String name) {
        return azure.snapshots().define(name).withRegion(Region.EUROPE_WEST).withExistingResourceGroup(RG)
                .withLinuxFromDisk(vm.osDiskId()).create();
    }

    private void definition(String name, OperatingSystemStateTypes state) {
        if (!azure.resourceManager().resourceGroups().contain("images-rg")) {
            azure.resourceManager().resourceGroups().define("images-rg").withRegion(Region.EUROPE_WEST).create();
            azure.galleries().define("corp_images").withRegion(Region.EUROPE_WEST)
                    .withExistingResourceGroup("images-rg").create();
        }
        azure.galleryImages().define(name).withExistingGallery("images-rg", "corp_images")
                .withLocation(Region.EUROPE_WEST).withIdentifier(new GalleryImageIdentifier()
                        .withPublisher("contoso").withOffer(name).withSku("sku"))
                .withLinux(state).withHyperVGeneration(HyperVGeneration.V2).create();
    }

    /** GalleryImageVersion_Create_WithSnapshotsAsSource.json: the snapshot as storageProfile.osDiskImage.source. */
    private GalleryImageVersionInner versionFrom(Snapshot snapshot, String definition, String version) {
        return azure.serviceClient().getGalleryImageVersions().createOrUpdate("images-rg", "corp_images", definition,
                version, new GalleryImageVersionInner().withLocation("westeurope")
                        .withPublishingProfile(new GalleryImageVersionPublishingProfile().withExcludeFromLatest(true))
                        .withStorageProfile(new GalleryImageVersionStorageProfile().withOsDiskImage(
                                new GalleryOSDiskImage().withSource(new GalleryDiskImageSource()
                                        .withId(snapshot.id())))));
    }

    private String versionId(String definition, String version) {
        return "/subscriptions/" + SUB + "/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/corp_images"
                + "/images/" + definition + "/versions/" + version;
    }

    @Test
    void aSnapshotOfARunningVmsOsDiskCopiesTheDisk() {
        VirtualMachine vm = buildVm("build-vm", "10.0.0.0/28");
        Snapshot snapshot = snapshotOf(vm, "layer-base");
        assertThat(snapshot.osType()).isEqualTo(OperatingSystemTypes.LINUX);
        assertThat(snapshot.sizeInGB()).isEqualTo(vm.osDiskSize());
        assertThat(snapshot.skuType()).isEqualTo(SnapshotSkuType.STANDARD_LRS);
        assertThat(snapshot.incremental()).isFalse();
        SnapshotInner inner = snapshot.innerModel();
        assertThat(inner.hyperVGeneration()).isEqualTo(HyperVGeneration.V2);
        assertThat(inner.provisioningState()).isEqualTo("Succeeded");
        assertThat(inner.creationData().createOption()).isEqualTo(DiskCreateOption.COPY);
        assertThat(inner.creationData().sourceResourceId()).isEqualToIgnoringCase(vm.osDiskId());
        assertThat(inner.creationData().sourceUniqueId()).isNotBlank();
        assertThat(inner.supportedCapabilities().architecture().toString()).isEqualTo("x64");
        vm.refreshInstanceView();
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(azure.snapshots().listByResourceGroup(RG)).extracting(Snapshot::name).containsExactly("layer-base");
        Snapshot copy = azure.snapshots().define("layer-copy").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup(RG).withLinuxFromSnapshot(snapshot).create();
        assertThat(copy.innerModel().creationData().sourceUniqueId()).isEqualTo(inner.uniqueId());
    }

    @Test
    void aSourceMissingOrInAnotherRegionIsNotFound() {
        VirtualMachine vm = buildVm("build-vm", "10.0.0.0/28");
        SnapshotInner elsewhere = new SnapshotInner().withLocation("northeurope").withCreationData(new CreationData()
                .withCreateOption(DiskCreateOption.COPY).withSourceResourceId(vm.osDiskId()));
        assertArmError(() -> azure.serviceClient().getSnapshots().createOrUpdate(RG, "snap", elsewhere), "NotFound");
        SnapshotInner missing = new SnapshotInner().withLocation("westeurope").withCreationData(new CreationData()
                .withCreateOption(DiskCreateOption.COPY).withSourceResourceId(vm.osDiskId() + "-gone"));
        assertThatThrownBy(() -> azure.serviceClient().getSnapshots().createOrUpdate(RG, "snap", missing))
                .isInstanceOf(ManagementException.class).hasMessageContaining("is not found.");
    }

    @Test
    void theSourceDiskCanGoWhileItsSnapshotStays() {
        VirtualMachine vm = buildVm("build-vm", "10.0.0.0/28");
        String disk = vm.osDiskId();
        snapshotOf(vm, "layer-base");
        azure.virtualMachines().deleteById(vm.id());
        azure.disks().deleteById(disk);
        assertThat(azure.snapshots().getByResourceGroup(RG, "layer-base").sizeInGB()).isEqualTo(30);
        definition("layers", OperatingSystemStateTypes.SPECIALIZED);
        assertThat(versionFrom(azure.snapshots().getByResourceGroup(RG, "layer-base"), "layers", "1.0.0")
                .provisioningState().toString()).isEqualTo("Succeeded");
    }

    /** The layer cache end to end: specialized VM without osProfile, then captured into a Generalized definition. */
    @Test
    void aSpecializedVersionFromASnapshotBootsAsTheCapturedGuestAndCanBeCapturedAgain() {
        VirtualMachine build = buildVm("build-vm", "10.0.0.0/28");
        run("build-vm", "10-base", "echo base > /etc/layer");
        Snapshot snapshot = snapshotOf(build, "layer-base");
        definition("layers", OperatingSystemStateTypes.SPECIALIZED);
        assertThat(versionFrom(snapshot, "layers", "1.0.0").storageProfile().osDiskImage().sizeInGB()).isEqualTo(30);

        String version = versionId("layers", "1.0.0");
        assertThatThrownBy(() -> azure.virtualMachines().define("with-profile").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup(RG).withNewPrimaryNetwork("10.0.1.0/28").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress().withGeneralizedLinuxGalleryImageVersion(version)
                .withRootUsername("azureuser").withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create())
                .isInstanceOf(ManagementException.class)
                .satisfies(e -> {
                    assertThat(((ManagementException) e).getValue().getCode()).isEqualTo("InvalidParameter");
                    assertThat(((ManagementException) e).getValue().getMessage())
                            .isEqualTo("Parameter 'osProfile' is not allowed.");
                    assertThat(((ManagementException) e).getValue().getTarget()).isEqualTo("osProfile");
                });

        VirtualMachine layered = azure.virtualMachines().define("layer-vm").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup(RG).withNewPrimaryNetwork("10.0.2.0/28").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress().withSpecializedLinuxGalleryImageVersion(version)
                .withSize("Standard_D2s_v5").create();
        assertThat(layered.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(layered.innerModel().osProfile()).isNull();
        assertThat(layered.instanceView().computerName()).isEqualTo(build.computerName());
        VirtualMachineRunCommandInner script = run("layer-vm", "20-app", "echo app; hostname");
        assertThat(script.provisioningState()).isEqualTo("Succeeded");

        run("layer-vm", "deprovision", "nohup sh -c 'waagent -force -deprovision+user; shutdown -h now' &");
        layered.deallocate();
        layered.generalize();
        definition("orders", OperatingSystemStateTypes.GENERALIZED);
        GalleryImageVersion captured = azure.galleryImageVersions().define("1.0.0")
                .withExistingImage("images-rg", "corp_images", "orders").withLocation(Region.EUROPE_WEST)
                .withSourceVirtualMachine(layered).withRegionAvailability(Region.EUROPE_WEST, 1).create();
        assertThat(captured.provisioningState()).isEqualTo("Succeeded");
        VirtualMachine test = azure.virtualMachines().define("test-vm").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup(RG).withNewPrimaryNetwork("10.0.3.0/28").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress().withGeneralizedLinuxGalleryImageVersion(captured.id())
                .withRootUsername("azureuser").withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create();
        assertThat(test.powerState()).isEqualTo(PowerState.RUNNING);
    }

    /** Azure cannot tell a snapshot's guest state: a Generalized version of one never deprovisioned never provisions. */
    @Test
    void aGeneralizedVersionOfAGuestNeverDeprovisionedTimesOut() {
        Snapshot snapshot = snapshotOf(buildVm("build-vm", "10.0.0.0/28"), "layer-base");
        definition("orders", OperatingSystemStateTypes.GENERALIZED);
        versionFrom(snapshot, "orders", "1.0.0");
        assertArmError(() -> azure.virtualMachines().define("test-vm").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup(RG).withNewPrimaryNetwork("10.0.1.0/28").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress().withGeneralizedLinuxGalleryImageVersion(versionId("orders", "1.0.0"))
                .withRootUsername("azureuser").withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create(),
                "OSProvisioningTimedOut");
    }

    /** The definition must match the snapshot, as for every source: a Windows definition refuses a Linux disk. */
    @Test
    void aVersionFromASnapshotMustMatchItsDefinition() {
        Snapshot snapshot = snapshotOf(buildVm("build-vm", "10.0.0.0/28"), "layer-base");
        definition("layers", OperatingSystemStateTypes.SPECIALIZED);
        azure.galleryImages().define("win").withExistingGallery("images-rg", "corp_images")
                .withLocation(Region.EUROPE_WEST).withIdentifier(new GalleryImageIdentifier()
                        .withPublisher("contoso").withOffer("win").withSku("sku"))
                .withWindows(OperatingSystemStateTypes.SPECIALIZED).withHyperVGeneration(HyperVGeneration.V2)
                .create();
        assertArmError(() -> versionFrom(snapshot, "win", "1.0.0"), "Conflict");
    }
}

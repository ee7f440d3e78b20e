package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.compute.models.Architecture;
import com.azure.resourcemanager.compute.models.GalleryImageIdentifier;
import com.azure.resourcemanager.compute.models.HyperVGeneration;
import com.azure.resourcemanager.compute.models.HyperVGenerationTypes;
import com.azure.resourcemanager.compute.models.KnownWindowsVirtualMachineImage;
import com.azure.resourcemanager.compute.models.PowerState;
import com.azure.resourcemanager.compute.models.StorageAccountType;
import com.azure.resourcemanager.compute.models.TargetRegion;
import com.azure.resourcemanager.compute.models.VirtualMachine;
import com.azure.resourcemanager.compute.models.VirtualMachineCustomImage;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandScriptSource;
import com.azure.resourcemanager.network.models.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each Azure rule the emulator enforces, with the error code Azure answers. */
class RulesTest extends EmulatorFixture {

    private VirtualMachine linuxVm(String group, String name, String sku) {
        if (!azure.resourceManager().resourceGroups().contain(group)) {
            azure.resourceManager().resourceGroups().define(group).withRegion(Region.EUROPE_WEST).create();
        }
        return azure.virtualMachines().define(name).withRegion(Region.EUROPE_WEST).withExistingResourceGroup(group)
                .withNewPrimaryNetwork("10.0.0.0/28").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress().withLatestLinuxImage("Canonical", "ubuntu-24_04-lts", sku)
                .withRootUsername("azureuser").withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create();
    }

    private void runScript(String group, String vm, String name, String script) {
        azure.serviceClient().getVirtualMachineRunCommands().createOrUpdate(group, vm, name,
                new VirtualMachineRunCommandInner().withLocation("westeurope")
                        .withSource(new VirtualMachineRunCommandScriptSource().withScript(script)));
    }

    /** Deprovisioned in the guest, deallocated and generalized: ready to capture. */
    private VirtualMachine capturableVm(String group, String name, String sku) {
        VirtualMachine vm = linuxVm(group, name, sku);
        runScript(group, name, "deprovision", "nohup sh -c 'waagent -force -deprovision+user; shutdown -h now' &");
        vm.deallocate();
        vm.generalize();
        return vm;
    }

    private void gallery(String definition, HyperVGeneration generation) {
        if (!azure.resourceManager().resourceGroups().contain("images-rg")) {
            azure.resourceManager().resourceGroups().define("images-rg").withRegion(Region.EUROPE_WEST).create();
            azure.galleries().define("corp_images").withRegion(Region.EUROPE_WEST)
                    .withExistingResourceGroup("images-rg").create();
        }
        azure.galleryImages().define(definition).withExistingGallery("images-rg", "corp_images")
                .withLocation(Region.EUROPE_WEST).withIdentifier(new GalleryImageIdentifier()
                        .withPublisher("contoso").withOffer(definition).withSku("sku"))
                .withGeneralizedLinux().withHyperVGeneration(generation).create();
    }

    @Test
    void aGeneralizedVmCannotStart() {
        VirtualMachine vm = capturableVm("rg", "vm", "server");
        assertArmError(vm::start, "OperationNotAllowed");
    }

    @Test
    void generalizeNeedsAStoppedVm() {
        VirtualMachine vm = linuxVm("rg", "vm", "server");
        assertArmError(vm::generalize, "OperationNotAllowed");
    }

    @Test
    void captureNeedsAGeneralizedVm() {
        VirtualMachine vm = linuxVm("rg", "vm", "server");
        vm.deallocate();
        assertArmError(() -> azure.virtualMachineCustomImages().define("img").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withHyperVGeneration(HyperVGenerationTypes.V2)
                .fromVirtualMachine(vm).create(), "OperationNotAllowed");
        gallery("orders", HyperVGeneration.V2);
        assertArmError(() -> azure.galleryImageVersions().define("1.0.0")
                .withExistingImage("images-rg", "corp_images", "orders").withLocation(Region.EUROPE_WEST)
                .withSourceVirtualMachine(vm).create(), "OperationNotAllowed");
    }

    @Test
    void captureNeedsADeallocatedVm() {
        VirtualMachine vm = linuxVm("rg", "vm", "server");
        vm.powerOff();
        vm.generalize();
        assertArmError(() -> azure.virtualMachineCustomImages().define("img").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withHyperVGeneration(HyperVGenerationTypes.V2)
                .fromVirtualMachine(vm).create(), "OperationNotAllowed");
    }

    /**
     * A managed image of a Gen2 VM must say V2: Azure refuses V1 with InvalidParameter and the text customers quote
     * from az image create (MicrosoftDocs/azure-docs#74849, MicrosoftDocs/azure-devops-docs#12411).
     */
    @Test
    void hyperVGenerationMustMatch() {
        VirtualMachine gen2 = capturableVm("rg", "vm", "server");
        assertArmError(() -> azure.virtualMachineCustomImages().define("img").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withHyperVGeneration(HyperVGenerationTypes.V1)
                .fromVirtualMachine(gen2).create(), "InvalidParameter");
        assertThatThrownBy(() -> azure.virtualMachineCustomImages().define("img").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withHyperVGeneration(HyperVGenerationTypes.V1)
                .fromVirtualMachine(gen2).create()).hasMessageContaining("The Input HyperVGeneration property: 'V1'"
                + " does not match with the HyperVGeneration property: 'Gen2' belonging to source:"
                + " 'sourceVirtualMachine'.");
        gallery("gen1def", HyperVGeneration.V1);
        assertArmError(() -> azure.galleryImageVersions().define("1.0.0")
                .withExistingImage("images-rg", "corp_images", "gen1def").withLocation(Region.EUROPE_WEST)
                .withSourceVirtualMachine(gen2).create(), "Conflict");
    }

    @Test
    void aVersionMustMatchItsDefinitionsOsTypeAndArchitecture() {
        VirtualMachine vm = capturableVm("rg", "vm", "server");
        gallery("orders", HyperVGeneration.V2);
        azure.galleryImages().define("win").withExistingGallery("images-rg", "corp_images")
                .withLocation(Region.EUROPE_WEST).withIdentifier(new GalleryImageIdentifier()
                        .withPublisher("contoso").withOffer("win").withSku("sku"))
                .withGeneralizedWindows().withHyperVGeneration(HyperVGeneration.V2).create();
        assertArmError(() -> azure.galleryImageVersions().define("1.0.0")
                .withExistingImage("images-rg", "corp_images", "win").withLocation(Region.EUROPE_WEST)
                .withSourceVirtualMachine(vm).create(), "Conflict");
        azure.galleryImages().define("arm").withExistingGallery("images-rg", "corp_images")
                .withLocation(Region.EUROPE_WEST).withIdentifier(new GalleryImageIdentifier()
                        .withPublisher("contoso").withOffer("arm").withSku("sku"))
                .withGeneralizedLinux().withHyperVGeneration(HyperVGeneration.V2).create();
        azure.serviceClient().getGalleryImages().get("images-rg", "corp_images", "arm");
        // Architecture is immutable once set: a new Arm64 definition, then an x64 source.
        var armDef = azure.serviceClient().getGalleryImages().get("images-rg", "corp_images", "arm");
        azure.serviceClient().getGalleryImages().delete("images-rg", "corp_images", "arm");
        azure.serviceClient().getGalleryImages().createOrUpdate("images-rg", "corp_images", "arm",
                armDef.withArchitecture(Architecture.ARM64));
        assertArmError(() -> azure.galleryImageVersions().define("1.0.0")
                .withExistingImage("images-rg", "corp_images", "arm").withLocation(Region.EUROPE_WEST)
                .withSourceVirtualMachine(vm).create(), "Conflict");
    }

    @Test
    void galleryNamesHaveNoHyphens() {
        azure.resourceManager().resourceGroups().define("images-rg").withRegion(Region.EUROPE_WEST).create();
        assertArmError(() -> azure.galleries().define("corp-images").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("images-rg").create(), "BadRequest");
    }

    @Test
    void versionsAreMajorMinorPatchOf32BitIntegers() {
        VirtualMachine vm = capturableVm("rg", "vm", "server");
        gallery("orders", HyperVGeneration.V2);
        for (String bad : List.of("1.2", "1.2.3-SNAPSHOT", "1.2.2147483648", "a.b.c")) {
            assertArmError(() -> azure.galleryImageVersions().define(bad)
                    .withExistingImage("images-rg", "corp_images", "orders").withLocation(Region.EUROPE_WEST)
                    .withSourceVirtualMachine(vm).create(), "InvalidParameter");
        }
        assertThat(azure.galleryImageVersions().define("2147483647.0.1")
                .withExistingImage("images-rg", "corp_images", "orders").withLocation(Region.EUROPE_WEST)
                .withSourceVirtualMachine(vm).create().name()).isEqualTo("2147483647.0.1");
    }

    @Test
    void targetRegionsIncludeTheSourceRegion() {
        VirtualMachine vm = capturableVm("rg", "vm", "server");
        gallery("orders", HyperVGeneration.V2);
        // The fluent builder adds the source region by itself; the inner client sends exactly what it is given.
        var version = new com.azure.resourcemanager.compute.fluent.models.GalleryImageVersionInner()
                .withLocation("westeurope")
                .withStorageProfile(new com.azure.resourcemanager.compute.models.GalleryImageVersionStorageProfile()
                        .withSource(new com.azure.resourcemanager.compute.models.GalleryArtifactVersionFullSource()
                                .withId(vm.id())))
                .withPublishingProfile(new com.azure.resourcemanager.compute.models.GalleryImageVersionPublishingProfile()
                        .withTargetRegions(List.of(new TargetRegion().withName("northeurope"))));
        assertArmError(() -> azure.serviceClient().getGalleryImageVersions().createOrUpdate("images-rg",
                "corp_images", "orders", "1.0.0", version), "InvalidParameter");
    }

    /**
     * Storage account types are matched without regard to case and answered in the spec's spelling: Microsoft's
     * own CLI example sends "standard_zrs" (MicrosoftDocs/azure-docs articles/virtual-machines/
     * image-version-snapshot-cli.md, --target-regions "eastus2=1=standard_zrs").
     */
    @Test
    void storageAccountTypesIgnoreCase() {
        VirtualMachine vm = capturableVm("rg", "vm", "server");
        gallery("orders", HyperVGeneration.V2);
        StorageAccountType lowerCase = StorageAccountType.fromString("standard_zrs");
        assertThat(lowerCase.toString()).as("what the SDK sends").isEqualTo("standard_zrs");
        var version = new com.azure.resourcemanager.compute.fluent.models.GalleryImageVersionInner()
                .withLocation("westeurope")
                .withStorageProfile(new com.azure.resourcemanager.compute.models.GalleryImageVersionStorageProfile()
                        .withSource(new com.azure.resourcemanager.compute.models.GalleryArtifactVersionFullSource()
                                .withId(vm.id())))
                .withPublishingProfile(new com.azure.resourcemanager.compute.models.GalleryImageVersionPublishingProfile()
                        .withTargetRegions(List.of(new TargetRegion().withName("westeurope")
                                .withStorageAccountType(lowerCase))));
        var created = azure.serviceClient().getGalleryImageVersions().createOrUpdate("images-rg", "corp_images",
                "orders", "1.0.0", version);
        assertThat(created.publishingProfile().targetRegions().get(0).storageAccountType().toString())
                .isEqualTo("Standard_ZRS");
    }

    @Test
    void managedImagesAreRegionBound() {
        VirtualMachine vm = capturableVm("rg", "vm", "server");
        VirtualMachineCustomImage image = azure.virtualMachineCustomImages().define("img")
                .withRegion(Region.EUROPE_WEST).withExistingResourceGroup("rg")
                .withHyperVGeneration(HyperVGenerationTypes.V2).fromVirtualMachine(vm).create();
        assertArmError(() -> azure.virtualMachines().define("elsewhere").withRegion(Region.US_EAST)
                .withExistingResourceGroup("rg").withNewPrimaryNetwork("10.2.0.0/28")
                .withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                .withGeneralizedLinuxCustomImage(image.id()).withRootUsername("azureuser")
                .withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create(), "InvalidParameter");
    }

    @Test
    void nestedResourcesBlockDeletionOfDefinitionAndGallery() {
        VirtualMachine vm = capturableVm("rg", "vm", "server");
        gallery("orders", HyperVGeneration.V2);
        azure.galleryImageVersions().define("1.0.0").withExistingImage("images-rg", "corp_images", "orders")
                .withLocation(Region.EUROPE_WEST).withSourceVirtualMachine(vm).create();
        assertArmError(() -> azure.galleryImages().deleteByGallery("images-rg", "corp_images", "orders"),
                "CannotDeleteResource");
        assertArmError(() -> azure.galleries().deleteByResourceGroup("images-rg", "corp_images"),
                "CannotDeleteResource");
        azure.galleryImageVersions().deleteByGalleryImage("images-rg", "corp_images", "orders", "1.0.0");
        azure.galleryImages().deleteByGallery("images-rg", "corp_images", "orders");
        azure.galleries().deleteByResourceGroup("images-rg", "corp_images");
        assertThat(InventoryIds.of(emulator)).noneMatch(id -> id.contains("/galleries/"));
    }

    @Test
    void anImageOfAGuestNeverDeprovisionedYieldsVmsThatTimeOut() {
        VirtualMachine vm = linuxVm("rg", "vm", "server");
        vm.deallocate();
        vm.generalize();
        gallery("orders", HyperVGeneration.V2);
        String version = azure.galleryImageVersions().define("1.0.0")
                .withExistingImage("images-rg", "corp_images", "orders").withLocation(Region.EUROPE_WEST)
                .withSourceVirtualMachine(vm).create().id();
        assertArmError(() -> azure.virtualMachines().define("test").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withNewPrimaryNetwork("10.3.0.0/28")
                .withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                .withGeneralizedLinuxGalleryImageVersion(version).withRootUsername("azureuser")
                .withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create(), "OSProvisioningTimedOut");
    }

    @Test
    void aDiskInUseCannotBeDeleted() {
        VirtualMachine vm = capturableVm("rg", "vm", "server");
        String diskName = vm.osDiskId().substring(vm.osDiskId().lastIndexOf('/') + 1);
        assertArmError(() -> azure.disks().deleteByResourceGroup("rg", diskName), "OperationNotAllowed");
        azure.virtualMachineCustomImages().define("img").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withHyperVGeneration(HyperVGenerationTypes.V2)
                .fromVirtualMachine(vm).create();
        azure.virtualMachines().deleteById(vm.id());
        assertThat(azure.disks().getById(vm.osDiskId()).isAttachedToVirtualMachine()).isFalse();
        assertArmError(() -> azure.disks().deleteByResourceGroup("rg", diskName), "OperationNotAllowed");
        azure.virtualMachineCustomImages().deleteByResourceGroup("rg", "img");
        azure.disks().deleteByResourceGroup("rg", diskName);
    }

    @Test
    void aNicInUseCannotBeDeleted() {
        VirtualMachine vm = linuxVm("rg", "vm", "server");
        NetworkInterface nic = vm.getPrimaryNetworkInterface();
        assertArmError(() -> azure.networkManager().networkInterfaces().deleteById(nic.id()), "NicInUse");
    }

    /**
     * waagent -deprovision stops the agent that reports the run command (Azure/WALinuxAgent#3547): the run never
     * reports its end, and CRP gives up on the synchronous operation with VMExtensionProvisioningTimeout (at 90
     * minutes; instant at time scale 0). RunCommandTimingTest shows it in time.
     */
    @Test
    void aSynchronousDeprovisionNeverReportsCompletion() {
        VirtualMachine vm = linuxVm("rg", "vm", "server");
        assertArmError(() -> runScript("rg", "vm", "deprovision", "waagent -force -deprovision+user"),
                "VMExtensionProvisioningTimeout");
        assertThat(azure.serviceClient().getVirtualMachineRunCommands().getByVirtualMachineWithResponse("rg", "vm",
                "deprovision", "instanceView", com.azure.core.util.Context.NONE).getValue().instanceView()
                .executionState().toString()).isEqualTo("Running");
        vm.refreshInstanceView();
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void runCommandsNeedARunningVm() {
        VirtualMachine vm = linuxVm("rg", "vm", "server");
        vm.deallocate();
        assertArmError(() -> runScript("rg", "vm", "script", "echo hi"), "OperationNotAllowed");
    }

    @Test
    void windowsComputerNamesHaveAtMost15Characters() {
        azure.resourceManager().resourceGroups().define("rg").withRegion(Region.EUROPE_WEST).create();
        assertArmError(() -> azure.virtualMachines().define("win").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withNewPrimaryNetwork("10.0.0.0/28")
                .withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                .withPopularWindowsImage(KnownWindowsVirtualMachineImage.WINDOWS_SERVER_2019_DATACENTER_GEN2)
                .withAdminUsername("azureuser").withAdminPassword("Correct-Horse-9")
                .withComputerName("a-computer-name-too-long").withSize("Standard_D2s_v5").create(),
                "InvalidParameter");
    }

    @Test
    void unknownMarketplaceImagesAreRefused() {
        azure.resourceManager().resourceGroups().define("rg").withRegion(Region.EUROPE_WEST).create();
        assertArmError(() -> azure.virtualMachines().define("vm").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withNewPrimaryNetwork("10.0.0.0/28")
                .withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                .withLatestLinuxImage("Canonical", "no-such-offer", "server").withRootUsername("azureuser")
                .withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create(), "PlatformImageNotFound");
    }

    @Test
    void latestSortsNumericallyWhileOrderByNameSortsAsText() {
        var images = azure.virtualMachineImages().getImage("westeurope", "RedHat", "RHEL", "9-lvm-gen2",
                "9.10.2025111009");
        assertThat(images.version()).isEqualTo("9.10.2025111009");
        var listed = azure.serviceClient().getVirtualMachineImages().listWithResponse("westeurope", "RedHat", "RHEL",
                "9-lvm-gen2", null, 1, "name desc", com.azure.core.util.Context.NONE).getValue();
        assertThat(listed.get(0).name()).isEqualTo("9.8.2025052112");
        azure.resourceManager().resourceGroups().define("rg").withRegion(Region.EUROPE_WEST).create();
        VirtualMachine vm = azure.virtualMachines().define("vm").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withNewPrimaryNetwork("10.0.0.0/28")
                .withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                .withLatestLinuxImage("RedHat", "RHEL", "9-lvm-gen2").withRootUsername("azureuser")
                .withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create();
        assertThat(vm.innerModel().storageProfile().imageReference().exactVersion()).isEqualTo("9.10.2025111009");
    }

    @Test
    void aGroupWithEverythingInsideIsDeletedWhole() {
        capturableVm("rg", "vm", "server");
        assertThat(InventoryIds.of(emulator)).anyMatch(id -> id.contains("/resourceGroups/rg/"));
        azure.resourceManager().resourceGroups().deleteByName("rg");
        assertThat(InventoryIds.of(emulator)).noneMatch(id -> id.contains("/resourceGroups/rg"));
    }
}

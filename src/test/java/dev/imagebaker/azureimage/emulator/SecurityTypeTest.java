package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpMethod;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.fluent.models.GalleryImageInner;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.GalleryImageFeature;
import com.azure.resourcemanager.compute.models.GalleryImageIdentifier;
import com.azure.resourcemanager.compute.models.HyperVGeneration;
import com.azure.resourcemanager.compute.models.HyperVGenerationTypes;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.OperatingSystemStateTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.SecurityProfile;
import com.azure.resourcemanager.compute.models.UefiSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VM security types against images, sizes and gallery definitions, and the capture rules that follow. */
class SecurityTypeTest extends PlacementFixture {
    private static final String GALLERY = "corp_images";

    private static VirtualMachineInner secured(VirtualMachineInner vm, String type) {
        return vm.withSecurityProfile(new SecurityProfile()
                .withSecurityType(com.azure.resourcemanager.compute.models.SecurityTypes.fromString(type))
                .withUefiSettings(new UefiSettings().withSecureBootEnabled(true).withVTpmEnabled(true)));
    }

    private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code,
                                         String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ManagementException.class, e -> {
            assertThat(e.getValue().getCode()).isEqualTo(code);
            assertThat(e.getValue().getMessage()).startsWith(message);
        });
    }

    /** A VM deprovisioned in the guest, deallocated and generalized; returns its id. */
    private String capturable(String name, String securityType) {
        VirtualMachineInner vm = linuxVm(nicFor(name), "Standard_D2s_v5", ubuntu());
        String id = create(name, securityType == null ? vm : secured(vm, securityType)).id();
        generalize(name);
        return id;
    }

    private void definition(String name, String securityType) {
        if (azure.serviceClient().getGalleries().listByResourceGroup(RG).stream().noneMatch(g -> true)) {
            azure.galleries().define(GALLERY).withRegion(REGION).withExistingResourceGroup(RG).create();
        }
        GalleryImageInner image = new GalleryImageInner().withLocation(REGION).withOsType(OperatingSystemTypes.LINUX)
                .withOsState(OperatingSystemStateTypes.GENERALIZED).withHyperVGeneration(HyperVGeneration.V2)
                .withIdentifier(new GalleryImageIdentifier().withPublisher("contoso").withOffer(name).withSku("s"));
        if (securityType != null) {
            image.withFeatures(List.of(new GalleryImageFeature().withName("SecurityType").withValue(securityType)));
        }
        azure.serviceClient().getGalleryImages().createOrUpdate(RG, GALLERY, name, image);
    }

    /** Rule 6 (Azure/azure-cli #27975): Trusted Launch needs a Gen2 image whose SecurityType has TrustedLaunch. */
    @Test
    void trustedLaunchNeedsAGen2ImageThatSupportsIt() {
        String nic = nicFor("vm");
        assertBadRequest(() -> create("vm", secured(linuxVm(nic, "Standard_D2s_v5",
                marketplace("Canonical", "ubuntu-24_04-lts", "server-gen1")), "TrustedLaunch")), "BadRequest",
                "Use of TrustedLaunch setting is not supported for the provided image. Please select Trusted Launch"
                        + " Supported Gen2 OS Image. For more information, see https://aka.ms/TrustedLaunch-FAQ.");
        VirtualMachineInner vm = create("vm", secured(linuxVm(nic, "Standard_D2s_v5", ubuntu()), "TrustedLaunch"));
        assertThat(vm.securityProfile().securityType().toString()).isEqualTo("TrustedLaunch");
        assertThat(vmResource("vm").state.path("securityType").asText()).isEqualTo("TrustedLaunch");
    }

    /** Rule 6 (Azure/azure-cli #28005): a size with TrustedLaunchDisabled (Dpsv5) refuses Trusted Launch. */
    @Test
    void trustedLaunchNeedsASizeThatSupportsIt() {
        String nic = nicFor("vm");
        assertBadRequest(() -> create("vm", secured(linuxVm(nic, "Standard_D2ps_v5",
                marketplace("Canonical", "ubuntu-24_04-lts", "server-arm64")), "TrustedLaunch")), "BadRequest",
                "The VM size 'Standard_D2ps_v5' is not supported for creation of VMs and Virtual Machine Scale Set"
                        + " with 'TrustedLaunch' security type.");
    }

    /** Rule 10 (acd av2-series.md, trusted-launch.md): a V1-only size takes neither security type. */
    @Test
    void aGen1SizeTakesNoTrustedLaunch() {
        String nic = nicFor("vm");
        ImageReference gen1 = marketplace("Canonical", "ubuntu-24_04-lts", "server-gen1");
        assertArmError(() -> create("vm", secured(linuxVm(nic, "Standard_A1_v2", gen1), "TrustedLaunch")),
                "BadRequest");
        assertArmError(() -> create("vm", secured(linuxVm(nic, "Standard_A1_v2", gen1), "ConfidentialVM")),
                "BadRequest");
    }

    /**
     * Confidential sizes run ConfidentialVM only (third-party reports, research notes 2.3), and ConfidentialVM needs
     * an image that supports it (Windows Server 2022 Azure Edition: TrustedLaunchAndConfidentialVmSupported).
     */
    @Test
    void confidentialSizesRunConfidentialVmsOfCapableImages() {
        String nic = nicFor("vm");
        assertArmError(() -> create("vm", linuxVm(nic, "Standard_DC2as_v5", ubuntu())), "BadRequest");
        assertBadRequest(() -> create("vm", secured(linuxVm(nic, "Standard_DC2as_v5", ubuntu()), "ConfidentialVM")),
                "BadRequest", "Use of ConfidentialVM setting is not supported for the provided image.");
        assertBadRequest(() -> create("vm", secured(linuxVm(nic, "Standard_D2s_v5", ubuntu()), "ConfidentialVM")),
                "BadRequest", "Use of ConfidentialVM setting is not supported");
        VirtualMachineInner windows = linuxVm(nic, "Standard_DC2as_v5", marketplace("MicrosoftWindowsServer",
                "WindowsServer", "2022-datacenter-azure-edition"));
        windows.osProfile().withLinuxConfiguration(null).withAdminPassword("Correct-Horse-9");
        create("vm", secured(windows, "ConfidentialVM"));
        assertThat(vmResource("vm").state.path("securityType").asText()).isEqualTo("ConfidentialVM");
    }

    /** Research notes 2.1: Standard disables Trusted Launch explicitly and is accepted; so is no securityProfile. */
    @Test
    void standardIsAccepted() {
        create("vm", secured(linuxVm(nicFor("vm"), "Standard_D2s_v5", ubuntu()), "Standard"));
        assertThat(vmResource("vm").state.path("securityType").asText()).isEqualTo("Standard");
        create("plain", linuxVm(nicFor("plain"), "Standard_D2s_v5", ubuntu()));
        assertThat(vmResource("plain").state.path("securityType").asText()).isEqualTo("Standard");
    }

    /**
     * Rules 7 and 8 (kubermatic/machine-controller #2013; acd trusted-launch-portal.md): a Trusted Launch VM is
     * captured into a TrustedLaunch definition, whose versions then create Trusted Launch VMs only.
     */
    @Test
    void aTrustedLaunchDefinitionCreatesOnlyTrustedLaunchVms() {
        String source = capturable("build", "TrustedLaunch");
        definition("tl", "TrustedLaunch");
        String version = version("tl", source);
        String nic = nicFor("test");
        ImageReference fromGallery = new ImageReference().withId(version);
        assertBadRequest(() -> create("test", linuxVm(nic, "Standard_D2s_v5", fromGallery)), "BadRequest",
                "The provided gallery image only supports creation of VMs and VM Scale Sets with 'TrustedLaunch'"
                        + " security type.");
        assertArmError(() -> create("test", secured(linuxVm(nic, "Standard_D2s_v5", fromGallery), "Standard")),
                "BadRequest");
        create("test", secured(linuxVm(nic, "Standard_D2s_v5", fromGallery), "TrustedLaunch"));
    }

    /**
     * Rule 8: a VM source never goes into a TrustedLaunchSupported definition (packer-plugin-azure #304); a Trusted
     * Launch VM only into a TrustedLaunch one, a Standard VM not into one.
     */
    @Test
    void captureFollowsTheDefinitionsSecurityType() {
        String trusted = capturable("trusted", "TrustedLaunch");
        String standard = capturable("standard", null);
        definition("supported", "TrustedLaunchSupported");
        definition("plain", null);
        definition("tl", "TrustedLaunch");
        assertBadRequest(() -> version("supported", standard), "InvalidParameter", "The security type"
                + " 'TrustedLaunchSupported' is not supported for the source id '" + standard + "'. Currently only"
                + " Vhd Blob, User Image and Gallery Image Version sources are supported for 'TrustedLaunchSupported'"
                + " images.");
        assertArmError(() -> version("plain", trusted), "InvalidParameter");
        assertArmError(() -> version("tl", standard), "InvalidParameter");
        version("plain", standard);
        version("tl", trusted);
    }

    /** Rule 8 (acd trusted-launch.md; hashicorp/packer #13189): no managed image of a Trusted Launch VM. */
    @Test
    void managedImagesRefuseTrustedLaunchVms() {
        String source = capturable("build", "TrustedLaunch");
        assertThatThrownBy(() -> azure.serviceClient().getImages().createOrUpdate(RG, "img", new ImageInner()
                .withLocation(REGION).withHyperVGeneration(HyperVGenerationTypes.V2)
                .withSourceVirtualMachine(new com.azure.core.management.SubResource().withId(source))))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
                    assertThat(e.getValue().getMessage()).isEqualTo("Creation of managed images are not supported for"
                            + " virtual machine with TrustedLaunch security type.");
                });
    }

    private Raw putDefinition(String name, String apiVersion, String properties) {
        return raw(HttpMethod.PUT, "/subscriptions/" + SUB + "/resourceGroups/" + RG
                + "/providers/Microsoft.Compute/galleries/" + GALLERY + "/images/" + name + "?api-version="
                + apiVersion, "{\"location\":\"westeurope\",\"properties\":{\"osType\":\"Linux\",\"osState\":"
                + "\"Generalized\",\"identifier\":{\"publisher\":\"contoso\",\"offer\":\"" + name + "\",\"sku\":\"s\"}"
                + properties + "}}");
    }

    /** Rule 9 (acd compute-gallery-whats-new.md): from 2025-03-03 new definitions default to V2 / TrustedLaunchSupported. */
    @Test
    void galleryApiVersionDecidesTheDefinitionsDefaults() {
        group();
        azure.galleries().define(GALLERY).withRegion(REGION).withExistingResourceGroup(RG).create();
        Raw recent = putDefinition("recent", "2025-03-03", "");
        assertThat(recent.status()).isEqualTo(201);
        assertThat(recent.body().path("properties").path("hyperVGeneration").asText()).isEqualTo("V2");
        assertThat(SecurityTypes.of(recent.body().path("properties").path("features")))
                .isEqualTo("TrustedLaunchSupported");
        Raw older = putDefinition("older", "2024-03-03", "");
        assertThat(older.body().path("properties").path("hyperVGeneration").asText()).isEqualTo("V1");
        assertThat(older.body().path("properties").has("features")).isFalse();
        Raw explicit = putDefinition("explicit", "2025-03-03", ",\"features\":[{\"name\":\"SecurityType\","
                + "\"value\":\"TrustedLaunch\"}]");
        assertThat(SecurityTypes.of(explicit.body().path("properties").path("features"))).isEqualTo("TrustedLaunch");
    }

    /** Rule 9 (spec GalleryImage_UpdateFeatures.json): features of a definition change only with allowUpdateImage. */
    @Test
    void featuresChangeOnlyWithAllowUpdateImage() {
        group();
        azure.galleries().define(GALLERY).withRegion(REGION).withExistingResourceGroup(RG).create();
        putDefinition("def", "2025-03-03", "");
        String changed = ",\"hyperVGeneration\":\"V2\",\"features\":[{\"name\":\"SecurityType\",\"value\":"
                + "\"TrustedLaunch\"}]";
        assertThat(putDefinition("def", "2025-03-03", changed).code()).isEqualTo("PropertyChangeNotAllowed");
        Raw allowed = putDefinition("def", "2025-03-03", changed + ",\"allowUpdateImage\":true");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(SecurityTypes.of(allowed.body().path("properties").path("features"))).isEqualTo("TrustedLaunch");
    }
}

package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpMethod;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.fluent.models.GalleryImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.GalleryImageIdentifier;
import com.azure.resourcemanager.compute.models.HyperVGeneration;
import com.azure.resourcemanager.compute.models.ImagePurchasePlan;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.OperatingSystemStateTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.Plan;
import com.azure.resourcemanager.compute.models.VirtualMachineImageFeature;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Marketplace image versions as Azure describes them, purchase plans on VMs, and the terms API. */
class MarketplaceTermsTest extends PlacementFixture {
    private static final String CIS = "center-for-internet-security-inc";
    private static final String TERMS = "/subscriptions/" + SUB + "/providers/Microsoft.MarketplaceOrdering/offerTypes"
            + "/virtualmachine/publishers/" + CIS + "/offers/cis-ubuntu/plans/cis-ubuntu2404-l1/agreements/current"
            + "?api-version=2021-01-01";

    private VirtualMachineImageInner image(String publisher, String offer, String sku, String version) {
        return azure.serviceClient().getVirtualMachineImages().get(REGION, publisher, offer, sku, version);
    }

    private static Map<String, String> features(VirtualMachineImageInner image) {
        return image.features() == null ? Map.of() : image.features().stream()
                .collect(Collectors.toMap(VirtualMachineImageFeature::name, VirtualMachineImageFeature::value));
    }

    private static ImageReference cis() {
        return marketplace(CIS, "cis-ubuntu", "cis-ubuntu2404-l1");
    }

    private static Plan cisPlan() {
        return new Plan().withName("cis-ubuntu2404-l1").withPublisher(CIS).withProduct("cis-ubuntu");
    }

    /**
     * Research notes 2.4: the real Canonical 22_04-lts-gen2 answer (acd trusted-launch-faq.md); Gen1 images carry no
     * features (Azure/azure-cli #17599); Windows Server 2022 Azure Edition supports confidential VMs; free images
     * have no plan, the CIS image has one.
     */
    @Test
    void imageVersionsDescribeFeaturesArchitectureAndPlan() {
        VirtualMachineImageInner gen2 = image("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2",
                "22.04.202411190");
        assertThat(gen2.hyperVGeneration().toString()).isEqualTo("V2");
        assertThat(gen2.architecture().toString()).isEqualTo("x64");
        assertThat(gen2.plan()).isNull();
        assertThat(gen2.osDiskImage().operatingSystem().toString()).isEqualTo("Linux");
        assertThat(gen2.disallowed().vmDiskType().toString()).isEqualTo("Unmanaged");
        assertThat(gen2.imageDeprecationStatus().imageState().toString()).isEqualTo("Active");
        assertThat(features(gen2)).containsEntry("SecurityType", "TrustedLaunchSupported")
                .containsEntry("IsAcceleratedNetworkSupported", "True").containsEntry("DiskControllerTypes", "SCSI, NVMe")
                .containsEntry("IsHibernateSupported", "True");
        assertThat(features(image("Canonical", "ubuntu-24_04-lts", "server-gen1", "24.04.202411030"))).isEmpty();
        VirtualMachineImageInner arm = image("Canonical", "ubuntu-24_04-lts", "server-arm64", "24.04.202411030");
        assertThat(arm.architecture().toString()).isEqualTo("Arm64");
        assertThat(features(arm)).containsEntry("SecurityType", "TrustedLaunchSupported");
        assertThat(features(image("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition",
                "20348.2849.241106"))).containsEntry("SecurityType", "TrustedLaunchAndConfidentialVmSupported");
        VirtualMachineImageInner cis = image(CIS, "cis-ubuntu", "cis-ubuntu2404-l1", "1.0.12");
        assertThat(cis.plan().name()).isEqualTo("cis-ubuntu2404-l1");
        assertThat(cis.plan().publisher()).isEqualTo(CIS);
        assertThat(cis.plan().product()).isEqualTo("cis-ubuntu");
    }

    /** Rule 16 with ad virtual-machines/error-messages.md (VMMarketplaceInvalidInput): the plan must be the image's. */
    @Test
    void aVmCarriesExactlyItsImagesPlan() {
        String nic = nicFor("vm");
        assertArmError(() -> create("vm", linuxVm(nic, "Standard_D2s_v5", cis())), "VMMarketplaceInvalidInput");
        assertArmError(() -> create("vm", linuxVm(nic, "Standard_D2s_v5", cis()).withPlan(cisPlan()
                .withName("cis-ubuntu2204-l1"))), "VMMarketplaceInvalidInput");
        assertThatThrownBy(() -> create("vm", linuxVm(nic, "Standard_D2s_v5", ubuntu()).withPlan(cisPlan())))
                .isInstanceOfSatisfying(ManagementException.class, e -> assertThat(e.getValue().getMessage())
                        .startsWith("Creating a virtual machine from a non Marketplace image does not need Plan"
                                + " information, please remove the Plan information in the request. OS disk name is"
                                + " vm_OsDisk_1_"));
    }

    /**
     * Rule 16 and research notes section 6 (barracudanetworks/ngf-azure-templates #25; spec Agreements.json,
     * SetMarketplaceTerms.json): until the terms are accepted, a VM of a plan image fails eligibility; GET then PUT
     * accepted:true accepts them.
     */
    @Test
    void termsMustBeAcceptedThroughTheAgreementsApi() {
        String nic = nicFor("vm");
        VirtualMachineInner request = linuxVm(nic, "Standard_D2s_v5", cis()).withPlan(cisPlan());
        assertThatThrownBy(() -> create("vm", request)).isInstanceOfSatisfying(ManagementException.class, e -> {
            assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
            assertThat(e.getValue().getCode()).isEqualTo("MarketplacePurchaseEligibilityFailed");
            assertThat(e.getValue().getMessage()).isEqualTo("Marketplace purchase eligibilty check returned errors."
                    + " See inner errors for details.");
            assertThat(e.getValue().getDetails()).singleElement().satisfies(d -> assertThat(d.getMessage())
                    .contains("Offer with PublisherId: '" + CIS + "', OfferId: 'cis-ubuntu' cannot be purchased")
                    .contains("Legal terms have not been accepted for this item on this subscription"));
        });
        Raw terms = raw(HttpMethod.GET, TERMS, null);
        assertThat(terms.status()).isEqualTo(200);
        assertThat(terms.body().path("type").asText()).isEqualTo("Microsoft.MarketplaceOrdering/offertypes");
        assertThat(terms.body().path("name").asText()).isEqualTo("cis-ubuntu2404-l1");
        assertThat(terms.body().path("properties").path("accepted").asBoolean()).isFalse();
        assertThat(terms.body().path("properties").path("product").asText()).isEqualTo("cis-ubuntu");
        ((com.fasterxml.jackson.databind.node.ObjectNode) terms.body().path("properties")).put("accepted", true);
        Raw accepted = raw(HttpMethod.PUT, TERMS, Json.write(terms.body()));
        assertThat(accepted.body().path("properties").path("accepted").asBoolean()).isTrue();
        assertThat(raw(HttpMethod.GET, TERMS, null).body().path("properties").path("retrieveDatetime").asText())
                .isNotEmpty();
        VirtualMachineInner vm = create("vm", request);
        assertThat(vm.plan().name()).isEqualTo("cis-ubuntu2404-l1");
        assertThat(vm.storageProfile().imageReference().exactVersion()).isEqualTo("1.0.12");
    }

    /** Spec Agreements.json: sign and cancel, and GET of the older agreement shape. */
    @Test
    void signAndCancel() {
        String agreement = "/subscriptions/" + SUB + "/providers/Microsoft.MarketplaceOrdering/agreements/" + CIS
                + "/offers/cis-ubuntu/plans/cis-ubuntu2404-l1";
        Raw signed = raw(HttpMethod.POST, agreement + "/sign?api-version=2021-01-01", null);
        assertThat(signed.body().path("type").asText()).isEqualTo("Microsoft.MarketplaceOrdering/agreements");
        assertThat(signed.body().path("properties").path("state").asText()).isEqualTo("Active");
        assertThat(raw(HttpMethod.GET, TERMS, null).body().path("properties").path("accepted").asBoolean()).isTrue();
        Raw cancelled = raw(HttpMethod.POST, agreement + "/cancel?api-version=2021-01-01", null);
        assertThat(cancelled.body().path("properties").path("state").asText()).isEqualTo("Canceled");
        assertThat(raw(HttpMethod.GET, agreement + "?api-version=2021-01-01", null).body().path("properties")
                .path("state").asText()).isEqualTo("Canceled");
        assertThat(raw(HttpMethod.GET, TERMS.replace("cis-ubuntu2404-l1", "no-such-plan"), null).status())
                .isEqualTo(404);
    }

    /** Research notes section 6 (ad marketplace-images.md): a definition's purchasePlan binds its VMs too. */
    @Test
    void aGalleryDefinitionsPurchasePlanBindsItsVms() {
        emulator.acceptTerms(CIS, "cis-ubuntu", "cis-ubuntu2404-l1");
        String nic = nicFor("build");
        create("build", linuxVm(nic, "Standard_D2s_v5", cis()).withPlan(cisPlan()));
        assertThat(vmResource("build").state.path("plan").path("name").asText()).isEqualTo("cis-ubuntu2404-l1");
        azure.galleries().define("corp_images").withRegion(REGION).withExistingResourceGroup(RG).create();
        GalleryImageInner definition = azure.serviceClient().getGalleryImages().createOrUpdate(RG, "corp_images",
                "cis", new GalleryImageInner().withLocation(REGION).withOsType(OperatingSystemTypes.LINUX)
                        .withOsState(OperatingSystemStateTypes.GENERALIZED).withHyperVGeneration(HyperVGeneration.V2)
                        .withIdentifier(new GalleryImageIdentifier().withPublisher("contoso").withOffer("cis")
                                .withSku("s"))
                        .withPurchasePlan(new ImagePurchasePlan().withName("cis-ubuntu2404-l1").withPublisher(CIS)
                                .withProduct("cis-ubuntu")));
        assertThat(definition.purchasePlan().name()).isEqualTo("cis-ubuntu2404-l1");
        generalize("build");
        ImageReference version = new ImageReference().withId(version("cis", vmResource("build").id.value()));
        String testNic = nicFor("test");
        assertArmError(() -> create("test", linuxVm(testNic, "Standard_D2s_v5", version)),
                "VMMarketplaceInvalidInput");
        assertThat(create("test", linuxVm(testNic, "Standard_D2s_v5", version).withPlan(cisPlan())).plan().product())
                .isEqualTo("cis-ubuntu");
    }
}

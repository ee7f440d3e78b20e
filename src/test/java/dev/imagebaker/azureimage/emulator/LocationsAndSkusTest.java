package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpMethod;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictionsReasonCode;
import com.azure.resourcemanager.resources.fluent.models.LocationInner;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Locations and Resource SKUs APIs, and the size rules a VM PUT answers at once. */
class LocationsAndSkusTest extends PlacementFixture {

    private Map<String, LocationInner> locations(Boolean extended) {
        return azure.resourceManager().subscriptionClient().getSubscriptions().listLocations(SUB, extended,
                Context.NONE).stream().collect(Collectors.toMap(LocationInner::name, Function.identity()));
    }

    private Map<String, ResourceSkuInner> skus(String location) {
        return azure.serviceClient().getResourceSkus().list("location eq '" + location + "'", null, Context.NONE)
                .stream().collect(Collectors.toMap(ResourceSkuInner::name, Function.identity()));
    }

    private static String capability(ResourceSkuInner sku, String name) {
        return sku.capabilities().stream().filter(c -> c.name().equals(name)).map(ResourceSkuCapabilities::value)
                .findFirst().orElse(null);
    }

    /** Research notes section 3 and rule 11: the spec GetLocations.json item shape, wrapped in {"value":[...]}. */
    @Test
    void locationsListThePublicRegionsInAzuresShape() {
        Map<String, LocationInner> all = locations(null);
        assertThat(all).containsKeys("qatarcentral", "israelcentral", "mexicocentral", "austriaeast",
                "malaysiawest", "chilecentral", "swedensouth", "westeurope").doesNotContainKey("microsoftlosangeles1");
        LocationInner westeurope = all.get("westeurope");
        assertThat(westeurope.displayName()).isEqualTo("West Europe");
        assertThat(westeurope.regionalDisplayName()).isEqualTo("(Europe) West Europe");
        assertThat(westeurope.metadata().regionType().toString()).isEqualTo("Physical");
        assertThat(westeurope.metadata().regionCategory().toString()).isEqualTo("Recommended");
        assertThat(westeurope.metadata().geographyGroup()).isEqualTo("Europe");
        assertThat(westeurope.metadata().latitude()).isEqualTo("52.3667");
        assertThat(westeurope.metadata().physicalLocation()).isEqualTo("Netherlands");
        assertThat(westeurope.metadata().pairedRegion()).singleElement()
                .satisfies(pair -> assertThat(pair.name()).isEqualTo("northeurope"));
        assertThat(all.get("westus").metadata().regionCategory().toString()).isEqualTo("Other");
        JsonNode raw = raw(HttpMethod.GET, "/subscriptions/" + SUB + "/locations?api-version=2022-12-01", null).body();
        JsonNode qatar = null;
        for (JsonNode l : raw.path("value")) {
            if (l.path("name").asText().equals("qatarcentral")) {
                qatar = l;
            }
        }
        assertThat(qatar.path("type").asText()).isEqualTo("Region");
        assertThat(qatar.path("availabilityZoneMappings").get(0).path("physicalZone").asText())
                .isEqualTo("qatarcentral-az1");
    }

    /** Rule 11: only includeExtendedLocations=true adds EdgeZone entries (GetLocationsWithExtendedLocations.json). */
    @Test
    void onlyExtendedLocationsAddEdgeZones() {
        LocationInner edge = locations(true).get("microsoftlosangeles1");
        assertThat(edge.type().toString()).isEqualTo("EdgeZone");
        assertThat(edge.metadata().homeLocation()).isEqualTo("westus");
    }

    /**
     * Rule 12 and the catalogue of research notes section 4 (spec Skus 2021-07-01; acd size pages and
     * trusted-launch-faq.md): string capabilities, location filter, empty restrictions.
     */
    @Test
    void resourceSkusListTheCatalogueWithStringCapabilities() {
        Map<String, ResourceSkuInner> skus = skus("westeurope");
        assertThat(skus).containsOnlyKeys("Standard_D2s_v5", "Standard_D4s_v5", "Standard_D2s_v3", "Standard_B2s",
                "Standard_D2ps_v5", "Standard_DC2as_v5", "Standard_A1_v2", "Standard_D2as_v5", "Standard_E2s_v5",
                "Standard_F2s_v2");
        ResourceSkuInner d2s = skus.get("Standard_D2s_v5");
        assertThat(d2s.resourceType()).isEqualTo("virtualMachines");
        assertThat(d2s.family()).isEqualTo("standardDSv5Family");
        assertThat(d2s.locations()).containsExactly("westeurope");
        assertThat(d2s.locationInfo().get(0).zones()).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(d2s.restrictions()).isEmpty();
        assertThat(capability(d2s, "vCPUs")).isEqualTo("2");
        assertThat(capability(d2s, "MemoryGB")).isEqualTo("8");
        assertThat(capability(d2s, "HyperVGenerations")).isEqualTo("V1,V2");
        assertThat(capability(d2s, "TrustedLaunchDisabled")).isNull();
        ResourceSkuInner arm = skus.get("Standard_D2ps_v5");
        assertThat(capability(arm, "CpuArchitectureType")).isEqualTo("Arm64");
        assertThat(capability(arm, "HyperVGenerations")).isEqualTo("V2");
        assertThat(capability(arm, "TrustedLaunchDisabled")).isEqualTo("True");
        assertThat(capability(skus.get("Standard_DC2as_v5"), "ConfidentialComputingType")).isEqualTo("SNP");
        assertThat(capability(skus.get("Standard_A1_v2"), "HyperVGenerations")).isEqualTo("V1");
        assertThat(capability(skus.get("Standard_A1_v2"), "PremiumIO")).isEqualTo("False");
        assertThat(capability(skus.get("Standard_B2s"), "AcceleratedNetworkingEnabled")).isEqualTo("False");
        assertThat(skus("westcentralus").get("Standard_D2s_v5").locationInfo().get(0).zones()).isEmpty();
    }

    /** Rule 14 (learn error-sku-not-available): a restricted size is listed so and refused at once with 409. */
    @Test
    void aRestrictedSizeIsListedNotAvailableAndRefused() {
        emulator.restrictSize("Standard_B2s", "westeurope");
        ResourceSkuInner b2s = skus("westeurope").get("Standard_B2s");
        assertThat(b2s.restrictions()).singleElement().satisfies(r -> {
            assertThat(r.reasonCode()).isEqualTo(ResourceSkuRestrictionsReasonCode.NOT_AVAILABLE_FOR_SUBSCRIPTION);
            assertThat(r.values()).containsExactly("westeurope");
            assertThat(r.restrictionInfo().locations()).containsExactly("westeurope");
        });
        assertThat(skus("northeurope").get("Standard_B2s").restrictions()).isEmpty();
        String nic = nicFor("vm");
        assertThatThrownBy(() -> create("vm", linuxVm(nic, "Standard_B2s", ubuntu())))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
                    assertThat(e.getValue().getCode()).isEqualTo("SkuNotAvailable");
                    assertThat(e.getValue().getMessage()).startsWith("The requested size for resource '/subscriptions/"
                            + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm' is currently"
                            + " not available in location 'westeurope' zones '' for subscription '" + SUB + "'.");
                });
        assertThat(InventoryIds.of(emulator)).noneMatch(id -> id.endsWith("/virtualMachines/vm"));
    }

    /** Rule 14: a size no region offers, or a zone the region lacks, is SkuNotAvailable too. */
    @Test
    void anUnknownSizeOrZoneIsNotAvailable() {
        String nic = nicFor("vm");
        assertArmError(() -> create("vm", linuxVm(nic, "Standard_D2s_v9", ubuntu())), "SkuNotAvailable");
        assertArmError(() -> create("vm", linuxVm(nic, "Standard_D2s_v5", ubuntu()).withZones(List.of("4"))),
                "SkuNotAvailable");
        assertThat(create("vm", linuxVm(nic, "Standard_D2s_v5", ubuntu()).withZones(List.of("2"))).zones())
                .containsExactly("2");
    }

    /** Architecture must match CpuArchitectureType (the BadRequest New-AzVM and az vm create users report). */
    @Test
    void theSizeMustRunTheImagesArchitecture() {
        String nic = nicFor("vm");
        assertThatThrownBy(() -> create("vm", linuxVm(nic, "Standard_D2ps_v5", ubuntu())))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getValue().getCode()).isEqualTo("BadRequest");
                    assertThat(e.getValue().getMessage()).isEqualTo("Cannot create a VM of size 'Standard_D2ps_v5'"
                            + " because this VM size only supports a CPU Architecture of 'Arm64', but an image or disk"
                            + " with CPU Architecture 'x64' was given. Please check that the CPU Architecture of the"
                            + " image or disk is compatible with that of the VM size.");
                });
        create("vm", linuxVm(nic, "Standard_D2ps_v5", marketplace("Canonical", "ubuntu-24_04-lts", "server-arm64")));
        assertThat(vmResource("vm").state.path("architecture").asText()).isEqualTo("Arm64");
    }

    /**
     * Rule 10 (acd av2-series.md): a V1-only size boots only Gen1 images; the BadRequest text is Azure's
     * (jenkinsci/azure-vm-agents-plugin #305, loft-sh/devpod #731).
     */
    @Test
    void theSizeMustBootTheImagesGeneration() {
        String nic = nicFor("vm");
        assertThatThrownBy(() -> create("vm", linuxVm(nic, "Standard_A1_v2", ubuntu())))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getValue().getCode()).isEqualTo("BadRequest");
                    assertThat(e.getValue().getMessage()).startsWith("The selected VM size 'Standard_A1_v2' cannot"
                            + " boot Hypervisor Generation '2'.").endsWith("https://aka.ms/azuregen2vm");
                });
        create("vm", linuxVm(nic, "Standard_A1_v2", marketplace("Canonical", "ubuntu-24_04-lts", "server-gen1")));
        assertThat(vmResource("vm").state.path("vmSize").asText()).isEqualTo("Standard_A1_v2");
    }

    /** Rule 11: a PUT to a location outside the lists is refused. */
    @Test
    void unknownLocationsAreRefused() {
        group();
        assertArmError(() -> create("vm", linuxVm("/x", "Standard_D2s_v5", ubuntu()).withLocation("atlantis")),
                "LocationNotAvailableForResourceType");
    }

    /** The Builder's switches: a size restricted before start, terms accepted before start. */
    @Test
    void builderSwitchesApplyFromTheStart() throws Exception {
        try (ArmEmulator other = ArmEmulator.builder().restrictSize("Standard_D4s_v5").acceptTerms(
                "center-for-internet-security-inc", "cis-ubuntu", "cis-ubuntu2404-l1").start()) {
            CloudState cloud = other.cloud();
            assertThat(cloud.entitlements.restricted("Standard_D4s_v5", "qatarcentral")).isTrue();
            assertThat(cloud.entitlements.restricted("Standard_D2s_v5", "qatarcentral")).isFalse();
            assertThat(cloud.entitlements.termsAccepted(SUB, "center-for-internet-security-inc", "cis-ubuntu",
                    "cis-ubuntu2404-l1")).isTrue();
        }
    }
}

package dev.imagebaker.azureimage.bake.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebaker.azureimage.bake.FakeCloud;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.TestConfigs;
import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.Networks;
import dev.imagebaker.azureimage.bake.cloud.PurchasePlan;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.SecurityType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Region, size, security type, plan and network, checked against what Azure says before anything is created
 * (Resource SKUs, locations, image and definition features, MarketplaceOrdering terms; rules from
 * azure-compute-docs trusted-launch*.md and the Azure errors users report, see README, "Running on real Azure").
 */
class PlacementTest {
    private static final String SUBNET = "/subscriptions/8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b/resourceGroups/net/"
            + "providers/Microsoft.Network/virtualNetworks/corp/subnets/build";
    @TempDir
    Path dir;
    final FakeCloud fake = new FakeCloud();
    final RecordingProgress progress = new RecordingProgress();
    Map<String, String> values;

    @BeforeEach
    void project() throws Exception {
        TestConfigs.project(dir, "10-packages.sh");
        values = TestConfigs.values();
    }

    private BakeResult bake() {
        return new Baker(fake.cloud(), progress, Duration.ofSeconds(30)).bake(TestConfigs.config(dir, values,
                "1.4.2"));
    }

    /** The bake is refused with every fragment, before anything is created. */
    private void refused(String... fragments) {
        assertThatThrownBy(this::bake).isInstanceOf(StepFailedException.class).satisfies(e -> {
            for (String fragment : fragments) {
                assertThat(e.getMessage()).contains(fragment);
            }
        });
        assertThat(fake.calls).noneMatch(c -> c.startsWith("create"));
    }

    @Test
    void aSizeNotOfferedIsRefusedNamingSizesThatWork() {
        values.put(PropertyNames.VM_SIZE, "Standard_D2s_v9");
        refused("The VM size Standard_D2s_v9 is not offered in westeurope", "e.g. Standard_D2s_v5, Standard_D4s_v5");
    }

    @Test
    void aSizeRestrictedForTheSubscriptionIsRefused() {
        values.put(PropertyNames.VM_SIZE, "Standard_E2s_v5");
        refused("not available to this subscription in westeurope (NotAvailableForSubscription (Location))");
    }

    @Test
    void anArmSizeForAnX64SourceIsRefused() {
        values.put(PropertyNames.VM_SIZE, "Standard_D2ps_v5");
        refused("The VM size Standard_D2ps_v5 runs Arm64, but the source", "is an x64 image");
    }

    @Test
    void aGen1OnlySizeForAGen2SourceIsRefused() {
        values.put(PropertyNames.VM_SIZE, "Standard_A1_v2");
        refused("runs Hyper-V V1 images, but the source", "is V2");
    }

    @Test
    void moreDataDisksThanTheSizeTakesAreRefused() {
        values.put(PropertyNames.DATA_DISKS, "0:8,1:8,2:8,3:8,4:8");
        refused("The VM size Standard_D2s_v5 takes at most 4 data disks, but <dataDisks> lists 5",
                "Choose a <vmSize> that takes 5 data disks");
    }

    @Test
    void dataDisksGoToTheBuildVmAndIntoTheFingerprint() {
        values.put(PropertyNames.DATA_DISKS, "0:64,1:128");
        BakeResult result = bake();
        assertThat(fake.vmRequests.get(0).dataDisks()).containsExactly(
                new dev.imagebaker.azureimage.config.DataDisk(0, 64),
                new dev.imagebaker.azureimage.config.DataDisk(1, 128));
        assertThat(result.version().tags().values()).anyMatch(v -> v.contains("dataDisk:0="));
    }

    @Test
    void aRegionOutsideTheSubscriptionIsRefused() {
        values.put(PropertyNames.TARGET_REGIONS, "northeurope,westus9");
        refused("The region westus9 is not one of this subscription's regions");
    }

    @Test
    void trustedLaunchByDefaultWhenSourceAndSizeSupportItWithMatchingDefinitionFeatures() {
        fake.factsFeatures = Map.of("SecurityType", "TrustedLaunchSupported", "DiskControllerTypes", "SCSI, NVMe",
                "IsAcceleratedNetworkSupported", "True");
        bake();
        assertThat(fake.vmRequests.get(0).securityType()).isEqualTo(SecurityType.TRUSTED_LAUNCH);
        assertThat(fake.definitionRequests.get(0).features()).containsEntry("SecurityType", "TrustedLaunch")
                .containsEntry("DiskControllerTypes", "SCSI, NVMe").containsEntry("IsAcceleratedNetworkSupported",
                        "True");
    }

    @Test
    void standardIsSaidExplicitlyWhenAzureWouldOtherwiseMakeItTrustedLaunch() {
        values.put(PropertyNames.SECURITY_TYPE, "Standard");
        bake();
        assertThat(fake.vmRequests.get(0).securityType()).isEqualTo(SecurityType.STANDARD);
        assertThat(fake.definitionRequests.get(0).features()).containsEntry("SecurityType", "Standard");
    }

    @Test
    void aSourceWithoutTrustedLaunchGetsNoSecurityProfile() {
        fake.factsFeatures = Map.of();
        bake();
        assertThat(fake.vmRequests.get(0).securityType()).isNull();
        fake.calls.clear();
        values.put(PropertyNames.SECURITY_TYPE, "TrustedLaunch");
        refused("does not support Trusted Launch", "Remove <securityType>");
    }

    @Test
    void anExistingStandardDefinitionKeepsTheBuildStandard() {
        fake.existingDefinition = new DefinitionInfo("/d", "westeurope", OsType.LINUX, "Generalized", "V2", "x64");
        bake();
        assertThat(fake.vmRequests.get(0).securityType()).as("explicit: the source could default to Trusted Launch")
                .isEqualTo(SecurityType.STANDARD);
        fake.calls.clear();
        values.put(PropertyNames.SECURITY_TYPE, "TrustedLaunch");
        refused("The existing image definition orders-service has SecurityType Standard, but the build needs"
                + " TrustedLaunch", "a definition's SecurityType cannot change");
    }

    @Test
    void aTrustedLaunchSupportedDefinitionTakesNoVmCapture() {
        fake.existingDefinition = new DefinitionInfo("/d", "westeurope", OsType.LINUX, "Generalized", "V2", "x64",
                Map.of("SecurityType", "TrustedLaunchSupported"), null);
        refused("has SecurityType TrustedLaunchSupported, which takes no version captured from a VM");
    }

    @Test
    void aPlanWhoseTermsAreNotAcceptedIsRefusedWithTheCommandThatAcceptsThem() {
        fake.factsPlan = new PurchasePlan("cis-ubuntu2404-l1", "center-for-internet-security-inc", "cis-ubuntu");
        fake.termsAccepted = false;
        refused("sold with the marketplace plan cis-ubuntu2404-l1", "az vm image terms accept --urn Canonical:"
                + "ubuntu-24_04-lts:server:24.04.202411030");
    }

    @Test
    void aPlanGoesOnTheVmAndTheDefinition() {
        fake.factsPlan = new PurchasePlan("cis-ubuntu2404-l1", "center-for-internet-security-inc", "cis-ubuntu");
        bake();
        assertThat(fake.vmRequests.get(0).plan()).isEqualTo(fake.factsPlan);
        assertThat(fake.definitionRequests.get(0).facts().plan()).isEqualTo(fake.factsPlan);
    }

    @Test
    void anExistingSubnetIsCheckedAndNothingNetworkWiseIsCreated() {
        values.put(PropertyNames.NETWORK_SUBNET_ID, SUBNET);
        refused("The subnet " + SUBNET + " does not exist");
        fake.existingSubnet = Optional.of(new Networks.SubnetInfo(SUBNET, "northeurope", true, false, null));
        refused("The subnet's virtual network is in northeurope, but the build runs in westeurope");
        fake.existingSubnet = Optional.of(new Networks.SubnetInfo(SUBNET, "westeurope", false, false, false));
        refused("The subnet has no way out to the internet", "<network><outbound>assumed</outbound>");
        values.put(PropertyNames.NETWORK_OUTBOUND, "assumed");
        bake();
        assertThat(fake.vmRequests.get(0).subnetId()).isEqualTo(SUBNET);
        assertThat(fake.calls).noneMatch(c -> c.startsWith("createNetwork"));
    }

    @Test
    void theOwnNetworkHasANatGatewayUnlessOutboundIsNone() {
        bake();
        assertThat(fake.calls).contains("createNetwork azimg-build nat");
        fake.calls.clear();
        values.put(PropertyNames.NETWORK_OUTBOUND, "none");
        bake();
        assertThat(fake.calls).contains("createNetwork azimg-build no-nat");
    }

    @Test
    void tagsGoOnWhatThePluginCreates() {
        values.put(PropertyNames.TAGS_PREFIX + "cost-center", "4711");
        BakeResult result = bake();
        assertThat(fake.vmRequests.get(0).tags()).containsEntry("cost-center", "4711")
                .containsEntry("azure-image.build-id", result.buildId());
        assertThat(result.version().tags()).containsEntry("cost-center", "4711");
    }

    @Test
    void aFailureAfterTheVmExistsPrintsItsSerialConsoleBeforeDeletingIt() {
        fake.failOn = "awaitStopped";
        assertThatThrownBy(this::bake).isInstanceOf(StepFailedException.class);
        assertThat(progress.all()).contains("Last lines of the serial console log of azimg-build:\n  | [  OK  ]"
                + " Reached target Multi-User System.");
        assertThat(fake.calls.indexOf("serialLog azimg-build")).isLessThan(fake.calls.indexOf(
                fake.callsStartingWith("deleteGroup").get(0)));
    }
}

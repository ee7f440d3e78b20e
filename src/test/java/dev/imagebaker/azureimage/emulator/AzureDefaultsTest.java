package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What Azure fills in that nobody sent: defaults and read-only fields, each as an example of Azure's shows it. */
class AzureDefaultsTest extends ScenarioFixture {

    /**
     * GalleryRP 2024-03-03 GalleryImageVersion_Create.json (a managed image as source) and GalleryImageVersion_Get.json: the
     * version answers storageProfile.source, osDiskImage.sizeInGB (read-only, the captured disk's) and hostCaching,
     * publishingProfile.replicaCount, storageAccountType and publishedDate, and a safetyProfile.
     */
    @Test
    void anImageVersionAnswersItsSourceSizesAndProfiles() throws Exception {
        scenario.build();
        JsonNode props = get(scenario.version).get("properties");
        assertThat(props.at("/storageProfile/source/id").asText()).isEqualTo(Scenario.path(scenario.image));
        assertThat(props.at("/storageProfile/osDiskImage/sizeInGB").asInt()).isEqualTo(30);
        assertThat(props.at("/storageProfile/osDiskImage/hostCaching").asText()).isEqualTo("ReadWrite");
        assertThat(props.at("/publishingProfile/replicaCount").asInt()).isEqualTo(1);
        assertThat(props.at("/publishingProfile/storageAccountType").asText()).isEqualTo("Standard_LRS");
        assertThat(props.at("/publishingProfile/publishedDate").asText()).isNotEmpty();
        assertThat(props.at("/publishingProfile/targetRegions/0/name").asText()).isEqualTo("West Europe");
        assertThat(props.at("/safetyProfile/allowDeletionOfReplicatedLocations").asBoolean(true)).isFalse();
        assertThat(props.at("/safetyProfile/reportedForPolicyViolation").isBoolean()).isTrue();
    }

    /**
     * ComputeRP 2025-04-01 VirtualMachine_Get.json shows osDisk.diskSizeGB (the image's 30 GB unless grown);
     * VirtualMachine_Create_WithPasswordAuthentication.json answers linuxConfiguration provisionVMAgent true and
     * disablePasswordAuthentication false, and secrets [].
     */
    @Test
    void aVmAnswersItsDiskSizeAndAgentDefaults() throws Exception {
        scenario.vm();
        JsonNode props = get(scenario.vm).get("properties");
        assertThat(props.at("/storageProfile/osDisk/diskSizeGB").asInt()).isEqualTo(30);
        assertThat(props.at("/storageProfile/osDisk/osType").asText()).isEqualTo("Linux");
        assertThat(props.at("/storageProfile/imageReference/exactVersion").asText()).isEqualTo("22.04.202411190");
        assertThat(props.at("/osProfile/linuxConfiguration/provisionVMAgent").asBoolean()).isTrue();
        assertThat(props.at("/osProfile/linuxConfiguration/disablePasswordAuthentication").isBoolean()).isTrue();
        assertThat(props.at("/osProfile/secrets").isArray()).isTrue();
        assertThat(props.at("/osProfile/adminPassword").isMissingNode()).as("never answered").isTrue();
    }

    /**
     * Network 2025-03-01 NetworkInterfaceGet.json: a NIC on a VM is primary, has a MAC address (dash-separated
     * hex) and names its VM; its first IP configuration is primary (NetworkInterfaceCreate.json).
     */
    @Test
    void aNicOnAVmAnswersPrimaryAndMacAddress() throws Exception {
        scenario.vm();
        JsonNode props = get(scenario.nic).get("properties");
        assertThat(props.at("/primary").asBoolean()).isTrue();
        assertThat(props.at("/macAddress").asText()).matches("([0-9A-F]{2}-){5}[0-9A-F]{2}");
        assertThat(props.at("/virtualMachine/id").asText()).isEqualTo(Scenario.path(scenario.vm));
        assertThat(props.at("/ipConfigurations/0/properties/primary").asBoolean()).isTrue();
        assertThat(props.at("/ipConfigurations/0/properties/privateIPAllocationMethod").asText()).isEqualTo("Dynamic");
    }

    /**
     * VirtualMachineImage_Get_MaximumSet_Gen.json lists features (empty for an image without any); the live
     * answer (azure-compute-docs trusted-launch-faq.md) adds replicaType, replicaCount and the OS disk's
     * sizeInBytes: a VHD of 30 GiB plus its 512-byte footer, sizeInGb rounded up.
     */
    @Test
    void aMarketplaceImageVersionAnswersFeaturesReplicaTypeAndSize() throws Exception {
        JsonNode props = get(scenario.marketplace).get("properties");
        assertThat(props.at("/features").isArray()).isTrue();
        assertThat(props.at("/replicaType").asText()).isEqualTo("Managed");
        assertThat(props.at("/osDiskImage/operatingSystem").asText()).isEqualTo("Linux");
        assertThat(props.at("/osDiskImage/sizeInBytes").asLong()).isEqualTo(30L * (1L << 30) + 512);
        assertThat(props.at("/osDiskImage/sizeInGb").asInt()).isEqualTo(31);
        String gen2 = scenario.marketplace.replace("/22_04-lts/", "/22_04-lts-gen2/");
        assertThat(get(gen2).at("/properties/features").toString()).contains("SecurityType");
    }
}

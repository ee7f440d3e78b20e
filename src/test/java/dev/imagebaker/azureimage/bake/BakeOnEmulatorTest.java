package dev.imagebaker.azureimage.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.bake.cloud.ProvisioningState;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real bake pipeline and Azure layer against the in-process emulator. */
class BakeOnEmulatorTest extends OnEmulator {

    @BeforeEach
    void start() throws Exception {
        start(0);
    }


    private List<String> ids() throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(emulator.inventoryJson()).path("resources")) {
            ids.add(r.path("id").asText());
        }
        return ids;
    }

    @Test
    void bakesAVersionAndLeavesNoTemporaryResource() throws Exception {
        TestConfigs.project(dir, "10-packages.sh", "20-app.sh");
        BakeResult result = bake(TestConfigs.config(dir, TestConfigs.values(), "1.4.2"));

        assertThat(result.version().name()).isEqualTo("1.4.2");
        assertThat(result.version().provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(result.source().resolved()).isEqualTo("Canonical:ubuntu-24_04-lts:server:24.04.202411030");
        assertThat(result.version().tags()).containsEntry("maven.version", "1.4.2")
                .containsEntry("maven.groupId", "com.example").containsEntry("vcs.revision", "abc123")
                .containsEntry("azure-image.source", "Canonical:ubuntu-24_04-lts:server:24.04.202411030")
                .containsKey("azure-image.build-id");
        assertThat(ids()).noneMatch(id -> id.contains("/resourceGroups/azimg-"))
                .contains(result.version().id().value());
        assertThat(progress.all()).contains("Run script 10-packages.sh").contains("Run script 20-app.sh")
                .contains("[cleanup] Deleted resource group azimg-orders-service-");
    }

    /** A marketplace version that does not exist fails at once, naming the newest ones, and creates nothing. */
    @Test
    void aMissingMarketplaceVersionNamesTheNewestOnes() throws Exception {
        TestConfigs.project(dir, "10-packages.sh");
        java.util.Map<String, String> values = TestConfigs.values();
        values.put(dev.imagebaker.azureimage.config.PropertyNames.SOURCE, "Canonical:ubuntu-24_04-lts:server:1.2.3");
        assertThatThrownBy(() -> bake(TestConfigs.config(dir, values, "1.4.2")))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("The marketplace has no image Canonical:ubuntu-24_04-lts:server:1.2.3 in"
                        + " westeurope; its newest versions are 24.04.202411030");
        assertThat(ids()).noneMatch(id -> id.contains("/resourceGroups/azimg-"));
    }

    /** The build VM's empty data disks are captured into the version (dataDiskImages: lun, sizeInGB). */
    @Test
    void dataDisksAreCarriedIntoTheVersion() throws Exception {
        TestConfigs.project(dir, "10-packages.sh");
        java.util.Map<String, String> values = TestConfigs.values();
        values.put(dev.imagebaker.azureimage.config.PropertyNames.DATA_DISKS, "0:16,1:32");
        BakeResult result = bake(TestConfigs.config(dir, values, "1.4.2"));

        JsonNode version = null;
        for (JsonNode r : new ObjectMapper().readTree(emulator.inventoryJson()).path("resources")) {
            if (r.path("id").asText().equals(result.version().id().value())) {
                version = r;
            }
        }
        assertThat(version).isNotNull();
        JsonNode images = version.at("/properties/storageProfile/dataDiskImages");
        assertThat(images.findValuesAsText("lun")).containsExactly("0", "1");
        assertThat(images.findValuesAsText("sizeInGB")).containsExactly("16", "32");
        assertThat(ids()).noneMatch(id -> id.contains("/resourceGroups/azimg-"))
                .noneMatch(id -> id.contains("Microsoft.Compute/disks"));
    }

    @Test
    void shipsFilesThroughTemporaryStorageCheckedByTheGuestAndLeavesNoStorage() throws Exception {
        TestConfigs.project(dir, "10-packages.sh");
        java.nio.file.Files.createDirectories(dir.resolve("target"));
        byte[] jar = new byte[5 * 1024 * 1024 + 3];
        new java.util.Random(42).nextBytes(jar);
        java.nio.file.Files.write(dir.resolve("target/app.jar"), jar);
        java.nio.file.Files.createDirectories(dir.resolve("conf"));
        java.nio.file.Files.writeString(dir.resolve("conf/app.properties"), "a=b\n");
        java.util.Map<String, String> values = TestConfigs.values();
        values.put(dev.imagebaker.azureimage.config.PropertyNames.FILES,
                "target/app.jar=>/opt/app/app.jar;owner=root:root;mode=0644,conf=>/etc/orders");
        BakeResult result = bake(TestConfigs.config(dir, values, "1.4.2"));

        assertThat(result.version().provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(progress.all()).contains("uploaded target/app.jar, 5.0 MiB")
                .contains("Install 2 file(s) in the guest, checked by SHA-256");
        assertThat(ids()).noneMatch(id -> id.contains("Microsoft.Storage")).noneMatch(id -> id.contains("/azimg-"));
        assertThat(progress.all()).doesNotContain("sig=").doesNotContain("se=");
    }

    /** A Windows Server 2022 project with one PowerShell script. */
    private java.util.Map<String, String> windowsProject() throws java.io.IOException {
        java.nio.file.Path scripts = java.nio.file.Files.createDirectories(dir.resolve("src/main/image/scripts"));
        java.nio.file.Files.writeString(scripts.resolve("10-iis.ps1"), "Install-WindowsFeature Web-Server\r\n");
        java.util.Map<String, String> values = TestConfigs.values();
        values.put(dev.imagebaker.azureimage.config.PropertyNames.SOURCE,
                "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest");
        return values;
    }

    @Test
    void bakesAWindowsImage() throws Exception {
        java.util.Map<String, String> values = windowsProject();
        values.put(dev.imagebaker.azureimage.config.PropertyNames.GALLERY_IMAGE_DEFINITION, "iis");
        BakeResult result = bake(TestConfigs.config(dir, values, "2.0.0"));
        assertThat(result.facts().osType()).isEqualTo(dev.imagebaker.azureimage.config.OsType.WINDOWS);
        assertThat(result.source().resolved()).endsWith(":20348.2849.241106");
        assertThat(progress.all()).contains("Generalize the guest (sysprep /generalize /oobe /quit /mode:vm) and wait for IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE");
        assertThat(ids()).noneMatch(id -> id.contains("/resourceGroups/azimg-"));
    }

    @Test
    void aStuckSysprepFailsWithTheTailOfItsPantherLogsAndLeaksNothing() throws Exception {
        java.util.Map<String, String> values = windowsProject();
        values.put(dev.imagebaker.azureimage.config.PropertyNames.TIMEOUT_DEPROVISION, "2s");
        emulator.faults().add(FaultRule.scriptHang().resource("azimg-sysprep"));
        emulator.faults().add(FaultRule.scriptExit(0, "== setuperr.log\nError [0x0f0082] SYSPRP ActionPlatform:"
                + " Failed while validating Sysprep session actions; hr = 0x8007001f", "").resource("azimg-sysprep-logs"));
        BakeConfig config = TestConfigs.config(dir, values, "2.0.0");
        assertThatThrownBy(() -> bake(config)).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Sysprep did not reach IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE within 2.0s.")
                .hasMessageContaining("Sysprep's Panther logs end with:")
                .hasMessageContaining("Error [0x0f0082] SYSPRP ActionPlatform");
        assertThat(ids()).noneMatch(id -> id.contains("/resourceGroups/azimg-")).noneMatch(id -> id.contains("/versions/"));
    }

    @Test
    void aFailingScriptFailsTheBakeNamingScriptAndExitCodeAndLeaksNothing() throws Exception {
        TestConfigs.project(dir, "10-packages.sh", "20-app.sh");
        emulator.faults().add(FaultRule.scriptExit(3, "", "E: Unable to locate package nginx-full").resource("20-*"));
        BakeConfig config = TestConfigs.config(dir, TestConfigs.values(), "1.4.2");
        assertThatThrownBy(() -> bake(config)).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Script 20-app.sh exited with code 3")
                .hasMessageContaining("E: Unable to locate package nginx-full");
        assertThat(ids()).noneMatch(id -> id.contains("/resourceGroups/azimg-")).noneMatch(id -> id.contains("/versions/"));
    }

    @Test
    void aDefinitionOfTheWrongGenerationIsRefusedBeforeAnyTemporaryResource() throws Exception {
        TestConfigs.project(dir, "10-packages.sh");
        java.util.Map<String, String> values = TestConfigs.values();
        values.put(dev.imagebaker.azureimage.config.PropertyNames.SOURCE, "Canonical:ubuntu-24_04-lts:server-gen1:latest");
        bake(TestConfigs.config(dir, values, "1.0.0"));
        int before = ids().size();
        BakeConfig gen2 = TestConfigs.config(dir, TestConfigs.values(), "1.0.1");
        RecordingProgress second = new RecordingProgress();
        assertThatThrownBy(() -> new Baker(session.cloud(), second, Duration.ofSeconds(30)).bake(gen2))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Hyper-V generation V1").hasMessageContaining("needs V2");
        assertThat(ids()).hasSize(before);
        // The definition is checked with the placement, before the gallery is touched or anything is created.
        assertThat(second.all()).contains("Check region").doesNotContain("Prepare gallery").doesNotContain(
                "Create resource group");
    }
}

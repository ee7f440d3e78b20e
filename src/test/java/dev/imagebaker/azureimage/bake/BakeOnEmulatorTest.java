package dev.imagebaker.azureimage.bake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.azure.AzureSession;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real bake pipeline and Azure layer against the in-process emulator. */
class BakeOnEmulatorTest {
    @TempDir
    Path dir;
    ArmEmulator emulator;
    AzureSession session;
    final RecordingProgress progress = new RecordingProgress();

    @BeforeEach
    void start() throws Exception {
        emulator = ArmEmulator.builder().timeScale(0).start();
        session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(), ArmEmulator.TENANT,
                ArmEmulator.DEFAULT_SUBSCRIPTION, 0);
    }

    @AfterEach
    void stop() {
        session.close();
        emulator.close();
    }

    private BakeResult bake(BakeConfig config) {
        return new Baker(session.cloud(), progress, Duration.ofSeconds(30)).bake(config);
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
        assertThat(result.version().provisioningState()).isEqualTo("Succeeded");
        assertThat(result.source().resolved()).isEqualTo("Canonical:ubuntu-24_04-lts:server:24.04.202411030");
        assertThat(result.version().tags()).containsEntry("maven.version", "1.4.2")
                .containsEntry("maven.groupId", "com.example").containsEntry("vcs.revision", "abc123")
                .containsEntry("azure-image.source", "Canonical:ubuntu-24_04-lts:server:24.04.202411030")
                .containsKey("azure-image.build-id");
        assertThat(ids()).noneMatch(id -> id.contains("/resourceGroups/azimg-"))
                .contains(result.version().id());
        assertThat(progress.all()).contains("Run script 10-packages.sh").contains("Run script 20-app.sh")
                .contains("[cleanup] Deleted resource group azimg-orders-service-");
    }

    @Test
    void aFailingScriptFailsTheBakeNamingScriptAndExitCodeAndLeaksNothing() throws Exception {
        TestConfigs.project(dir, "10-packages.sh", "20-app.sh");
        emulator.faults().add(FaultRule.scriptExit(3, "", "E: Unable to locate package nginx-full").resource("20-*"));
        BakeConfig config = TestConfigs.config(dir, TestConfigs.values(), "1.4.2");
        assertThatThrownBy(() -> bake(config)).isInstanceOf(BakeException.class)
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
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("Hyper-V generation V1").hasMessageContaining("needs V2");
        assertThat(ids()).hasSize(before);
        assertThat(second.all()).contains("Prepare gallery").doesNotContain("Create resource group");
    }
}

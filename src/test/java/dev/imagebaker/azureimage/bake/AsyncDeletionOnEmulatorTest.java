package dev.imagebaker.azureimage.bake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.config.PropertyNames;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * waitForDeletion=false: the bake returns once Azure accepted the temporary group's DELETE (202), as Packer's
 * async_resourcegroup_delete does; the group is still Deleting then, and goes when Azure's operation ends.
 */
class AsyncDeletionOnEmulatorTest extends OnEmulator {

    @BeforeEach
    void start() throws Exception {
        // Slow enough that a group deletion (120 s nominal) is still running when the bake returns.
        start(0.01);
    }

    private JsonNode tempGroup() throws Exception {
        for (JsonNode r : new ObjectMapper().readTree(emulator.inventoryJson()).path("resources")) {
            if (r.path("type").asText().equals("Microsoft.Resources/resourceGroups")
                    && r.path("name").asText().startsWith("azimg-")) {
                return r;
            }
        }
        return null;
    }

    @Test
    void theBakeReturnsWhileAzureStillDeletesTheGroupWhichThenGoes() throws Exception {
        TestConfigs.project(dir, "10-packages.sh");
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.WAIT_FOR_DELETION, "false");
        BakeResult result = bake(TestConfigs.config(dir, values, "1.4.2"));

        JsonNode group = tempGroup();
        assertThat(group).as("the group is still being deleted when the bake returns").isNotNull();
        assertThat(group.path("properties").path("provisioningState").asText()).isEqualTo("Deleting");
        assertThat(group.path("tags").path("azure-image.build-id").asText()).isEqualTo(result.buildId());
        assertThat(progress.all()).contains("Azure finishes the deletion in the background");

        for (int i = 0; i < 600 && tempGroup() != null; i++) {
            Thread.sleep(100);
        }
        assertThat(tempGroup()).as("Azure's deletion ended").isNull();
    }
}

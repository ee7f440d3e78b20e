package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** PATCH of the updatable types the plugin changes, and a run command PUT Azure accepts although it cannot run. */
class AzureUpdatesTest extends ScenarioFixture {

    /** ComputeRP 2025-04-01 VirtualMachineRunCommand_Update.json: PATCH merges into the run command. */
    @Test
    void patchUpdatesARunCommand() throws Exception {
        scenario.vm();
        http.send("PUT", scenario.run, "{\"location\":\"westeurope\",\"properties\":{\"source\":{\"script\":"
                + "\"echo hi\"},\"timeoutInSeconds\":600}}", 201);
        settled(scenario.run);
        http.send("PATCH", scenario.run, "{\"properties\":{\"timeoutInSeconds\":3600}}", 200);
        JsonNode run = settled(scenario.run);
        assertThat(run.at("/properties/timeoutInSeconds").asInt()).isEqualTo(3600);
        assertThat(run.at("/properties/source/script").asText()).as("kept").isEqualTo("echo hi");
        assertThat(run.at("/location").asText()).isEqualTo("westeurope");
    }

    /**
     * GalleryRP 2024-03-03 GalleryImageVersion_Update.json; gallery.json GalleryImageVersionUpdate carries the
     * version's properties, so replicaCount and safetyProfile change too. Changing the source is refused.
     */
    @Test
    void patchUpdatesAnImageVersion() throws Exception {
        scenario.build();
        http.send("PATCH", scenario.version, "{\"properties\":{\"publishingProfile\":{\"replicaCount\":3},"
                + "\"safetyProfile\":{\"allowDeletionOfReplicatedLocations\":true}}}", 200);
        JsonNode props = settled(scenario.version).get("properties");
        assertThat(props.at("/publishingProfile/replicaCount").asInt()).isEqualTo(3);
        assertThat(props.at("/safetyProfile/allowDeletionOfReplicatedLocations").asBoolean()).isTrue();
        assertThat(props.at("/storageProfile/osDiskImage/sizeInGB").asInt()).as("kept").isEqualTo(30);
        assertThatThrownBy(() -> http.send("PATCH", scenario.version, "{\"properties\":{\"storageProfile\":"
                + "{\"source\":{\"id\":\"" + Scenario.path(scenario.vm) + "\"}}}}", 200))
                .hasMessageContaining("PropertyChangeNotAllowed");
    }

    /** PATCH of a version that does not exist is ResourceNotFound, as for any ARM resource. */
    @Test
    void patchOfAMissingVersionIsNotFound() throws Exception {
        scenario.build();
        assertThatThrownBy(() -> http.send("PATCH", scenario.version.replace("1.0.0", "9.9.9"),
                "{\"properties\":{\"publishingProfile\":{\"replicaCount\":2}}}", 200)).hasMessageContaining("404");
    }

    /**
     * ARM accepts a run command with an empty source (the spec requires neither script nor scriptUri); it is the
     * handler in the guest that refuses it (Azure/run-command-extension-linux handlersettings.go validate():
     * "Either 'source.script' or 'source.scriptUri' has to be specified"), so the instance view fails.
     */
    @Test
    void aRunCommandWithAnEmptySourceIsAcceptedAndFailsInTheGuest() throws Exception {
        scenario.vm();
        http.send("PUT", scenario.run, "{\"location\":\"westeurope\",\"properties\":{\"source\":{}}}", 201);
        JsonNode view = settled(scenario.run + "&$expand=instanceView").at("/properties/instanceView");
        for (int i = 0; i < 50 && !view.path("executionState").asText().equals("Failed"); i++) {
            Thread.sleep(20);
            view = get(scenario.run + "&$expand=instanceView").at("/properties/instanceView");
        }
        assertThat(view.path("executionState").asText()).isEqualTo("Failed");
        assertThat(view.toString()).contains("Either 'source.script' or 'source.scriptUri' has to be specified");
    }
}

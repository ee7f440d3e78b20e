package dev.imagebaker.azureimage.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.PropertyNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Placement against the emulator's model of Azure's rules (Resource SKUs, Trusted Launch, architectures, subnets):
 * what Azure would refuse is refused before any temporary resource exists, and what it accepts bakes.
 */
class PlacementOnEmulatorTest extends OnEmulator {

    @BeforeEach
    void project() throws Exception {
        start(0);
        TestConfigs.project(dir, "10-packages.sh");
    }

    private List<JsonNode> resources() throws Exception {
        List<JsonNode> list = new ArrayList<>();
        new ObjectMapper().readTree(emulator.inventoryJson()).path("resources").forEach(list::add);
        return list;
    }

    private List<String> ids() throws Exception {
        return resources().stream().map(r -> r.path("id").asText()).toList();
    }

    /** Nothing temporary was made: no build group, no build VM, and (refused up front) not even the gallery. */
    private void assertNothingCreated(List<String> before) throws Exception {
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(progress.all()).doesNotContain("Create resource group").doesNotContain("Prepare gallery");
    }

    /** A network team's subnet with a NAT gateway (made as the plugin makes its own). */
    private String corporateSubnet(boolean withNat) {
        session.cloud().groups().create("net-rg", "westeurope", Map.of());
        return session.cloud().networks().createBuildNetwork("net-rg", "westeurope", "corp", withNat, Map.of(),
                Duration.ofMinutes(5));
    }

    @Test
    void bakesInAnExistingSubnetWithoutMakingANetwork() throws Exception {
        String subnet = corporateSubnet(true);
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.NETWORK_SUBNET_ID, subnet);
        var result = bake(TestConfigs.config(dir, values, "1.0.0"));
        assertThat(result.version().succeeded()).isTrue();
        assertThat(progress.all()).doesNotContain("Create network");
        assertThat(ids()).noneMatch(id -> id.contains("/resourceGroups/azimg-"))
                .anyMatch(id -> id.equals(subnet.substring(0, subnet.indexOf("/subnets/"))));
    }

    /** Azure: VMs in a subnet without default outbound access and no NAT, route or public IP cannot reach out. */
    @Test
    void aSubnetWithoutAWayOutIsRefusedBeforeAnything() throws Exception {
        String subnet = corporateSubnet(false);
        List<String> before = ids();
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.NETWORK_SUBNET_ID, subnet);
        assertThatThrownBy(() -> bake(TestConfigs.config(dir, values, "1.0.0")))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("way out");
        assertNothingCreated(before);
    }

    /** Ubuntu 24.04 supports Trusted Launch, and so does Standard_D2s_v5: the VM and definition are Trusted Launch. */
    @Test
    void bakesATrustedLaunchImage() throws Exception {
        var result = bake(TestConfigs.config(dir, TestConfigs.values(), "1.0.0"));
        assertThat(result.version().succeeded()).isTrue();
        assertThat(progress.all()).contains("security type TrustedLaunch");
        JsonNode definition = resources().stream().filter(r -> r.path("id").asText()
                .endsWith("/images/orders-service")).findFirst().orElseThrow();
        assertThat(definition.path("properties").path("features").toString()).contains("SecurityType")
                .contains("TrustedLaunch");
    }

    /** Azure's SkuNotAvailable: the size is restricted for this subscription in the region. */
    @Test
    void aRestrictedSizeIsRefusedBeforeAnything() throws Exception {
        emulator.restrictSize("Standard_D2s_v5", "westeurope");
        List<String> before = ids();
        assertThatThrownBy(() -> bake(TestConfigs.config(dir, TestConfigs.values(), "1.0.0")))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("Standard_D2s_v5")
                .hasMessageContaining("westeurope");
        assertNothingCreated(before);
    }

    /** An Arm64 image on an x64 size: Azure refuses the VM; the plugin refuses it first. */
    @Test
    void anArm64ImageOnAnX64SizeIsRefusedBeforeAnything() throws Exception {
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.SOURCE, "Canonical:ubuntu-24_04-lts:server-arm64:latest");
        List<String> before = ids();
        assertThatThrownBy(() -> bake(TestConfigs.config(dir, values, "1.0.0")))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("Arm64").hasMessageContaining("x64");
        assertNothingCreated(before);
    }

    /** An existing definition made for Arm64 cannot take an x64 image: refused before any temporary resource. */
    @Test
    void aConflictingDefinitionIsRefusedBeforeAnyTemporaryResource() throws Exception {
        Map<String, String> arm = TestConfigs.values();
        arm.put(PropertyNames.SOURCE, "Canonical:ubuntu-24_04-lts:server-arm64:latest");
        arm.put(PropertyNames.VM_SIZE, "Standard_D2ps_v5");
        bake(TestConfigs.config(dir, arm, "1.0.0"));
        List<String> before = ids();
        RecordingProgress second = new RecordingProgress();
        assertThatThrownBy(() -> new Baker(session.cloud(), second, Duration.ofSeconds(30))
                .bake(TestConfigs.config(dir, TestConfigs.values(), "1.0.1")))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("Arm64").hasMessageContaining("x64");
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(second.all()).contains("Check region").doesNotContain("Create resource group");
    }
}

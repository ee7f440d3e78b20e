package dev.imagebaker.azureimage.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.bake.clean.Cleaner;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.publish.Publisher;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.test.ImageTester;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertiesConfiguration;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.SecretResolver;
import dev.imagebaker.azureimage.config.VersionKind;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The custom role azure-image:role prints holds exactly what the goals do: every goal runs on the emulator, in
 * every mode (own group and network, an existing subnet, a shared build group, a marketplace image with a plan,
 * retention, test-image, clean, cached layers), and every ARM operation the emulator answered must be an action of the role, and
 * every action of the role must have been used. Azure also checks "join" actions on resources a request links to
 * (learn.microsoft.com/azure/virtual-network/virtual-network-network-interface#permissions, and
 * LinkedAuthorizationFailed in troubleshoot/azure/azure-resource-manager): those follow from the writes that link.
 */
class RoleCoverageTest extends OnEmulator {
    /** A write that links another resource, and the join action Azure checks on the linked one. */
    private static final Map<String, List<String>> LINKED = Map.of(
            "microsoft.network/networkinterfaces/write", List.of("Microsoft.Network/virtualNetworks/subnets/join/action"),
            "microsoft.compute/virtualmachines/write", List.of("Microsoft.Network/networkInterfaces/join/action"),
            "microsoft.network/virtualnetworks/write", List.of("Microsoft.Network/networkSecurityGroups/join/action",
                    "Microsoft.Network/natGateways/join/action"),
            "microsoft.network/natgateways/write", List.of("Microsoft.Network/publicIPAddresses/join/action"),
            // A snapshot copies its source disk (LinkedAuthorizationFailed quoted in Azure/OpenShift #186).
            "microsoft.compute/snapshots/write", List.of("Microsoft.Compute/disks/beginGetAccess/action"));

    /**
     * Kept although no goal needs it on the emulator, which answers every Compute operation with Azure-AsyncOperation:
     * a client polls the Location URL of an operation that answers without it (Azure/azure-resource-manager-rpc
     * v1.0/async-api-reference.md), and without this read such a poll would fail with AuthorizationFailed.
     */
    private static final Set<String> POLLING_FALLBACK = Set.of("Microsoft.Compute/locations/operationResults/read");

    static List<String> roleActions() throws Exception {
        try (InputStream in = RoleCoverageTest.class.getResourceAsStream("/dev/imagebaker/azureimage/role.json")) {
            assertThat(in).as("the role definition resource").isNotNull();
            List<String> actions = new ArrayList<>();
            new ObjectMapper().readTree(in).path("Actions").forEach(a -> actions.add(a.asText()));
            return actions;
        }
    }

    @Test
    void theRoleHoldsExactlyTheOperationsOfEveryGoal() throws Exception {
        start(0);
        emulator.acceptTerms("center-for-internet-security-inc", "cis-ubuntu", "cis-ubuntu2404-l1");
        TestConfigs.project(dir, "10-packages.sh");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/app.jar"), "jar");
        Path tests = Files.createDirectories(dir.resolve("src/test/image"));
        Files.writeString(tests.resolve("10-java.sh"), "java -version\n");
        Duration heartbeat = Duration.ofSeconds(30);

        // Own group and network, a shipped file, publish with retention (twice, so that one version goes).
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app/app.jar");
        values.put(PropertyNames.RETENTION_RELEASES, "1");
        values.put(PropertyNames.RETENTION_MINIMUM_AGE, "PT0S");
        for (String version : List.of("1.0.0", "1.0.1")) {
            BakeConfig config = BakeConfigReader.read(values, TestConfigs.info(dir, version),
                    new ReadOptions(true, SecretResolver.environmentOnly(name -> null), false));
            VersionInfo candidate = bake(config).version();
            BakedVersion target = new BakedVersion(candidate.id(), VersionKind.RELEASE, "westeurope");
            new ImageTester(session.cloud(), progress, heartbeat).test(BakeConfigReader.readTest(
                    new PropertiesConfiguration(values), TestConfigs.info(dir, version), ReadOptions.defaults(),
                    OsType.LINUX, null), target);
            new Publisher(session.cloud(), progress, heartbeat).publish(target, config.publishing(),
                    Duration.ofMinutes(5), "orders-service", "orders-service-snapshot");
        }
        assertThat(progress.all()).contains("retention deletes orders-service/1.0.0");

        // A shared build group and an existing subnet (the network team's, with its NAT gateway).
        session.cloud().groups().create("builds-rg", "westeurope", Map.of());
        String subnet = session.cloud().networks().createBuildNetwork("builds-rg", "westeurope", "corp", true,
                Map.of(), Duration.ofMinutes(5));
        List<String> sharedBefore = idsIn("builds-rg");
        Map<String, String> shared = TestConfigs.values();
        shared.put(PropertyNames.BUILD_RESOURCE_GROUP, "builds-rg");
        shared.put(PropertyNames.NETWORK_SUBNET_ID, subnet);
        // With a cached layer: the first bake snapshots and records it, the second starts its VM from it.
        shared.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh");
        bake(TestConfigs.config(dir, shared, "1.1.0"));
        assertThat(bake(TestConfigs.config(dir, shared, "1.1.1")).startLayer()).isNotNull();
        assertThat(idsIn("builds-rg")).as("the build's resources are deleted by tag; the group stays")
                .containsExactlyInAnyOrderElementsOf(sharedBefore);

        // Twenty scripts: from the twentieth on, a VM's run commands are deleted once read (it holds at most 25).
        Path many = dir.resolve("many");
        TestConfigs.project(many, java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(i -> String.format("%02d-step.sh", i)).toArray(String[]::new));
        Map<String, String> crowded = TestConfigs.values();
        crowded.put(PropertyNames.GALLERY_IMAGE_DEFINITION, "orders-many");
        crowded.put(PropertyNames.GALLERY_SKU, "many");
        bake(TestConfigs.config(many, crowded, "1.0.0"));

        // A marketplace image with a purchase plan.
        Map<String, String> plan = TestConfigs.values();
        plan.put(PropertyNames.SOURCE, "center-for-internet-security-inc:cis-ubuntu:cis-ubuntu2404-l1:latest");
        plan.put(PropertyNames.GALLERY_IMAGE_DEFINITION, "orders-cis");
        plan.put(PropertyNames.GALLERY_SKU, "cis2404");
        bake(TestConfigs.config(dir, plan, "1.0.0"));

        // clean: an expired group of a killed build.
        session.cloud().groups().create("azimg-killed", "westeurope", Map.of(Tags.BUILD_ID, "killed",
                Tags.CREATED_BY, "plugin", Tags.EXPIRES_AT, Instant.now().minusSeconds(60).toString()));
        new Cleaner(session.cloud(), progress, heartbeat).clean(new Cleaner.Request(Instant.now(), false,
                Duration.ofMinutes(5), "images-rg", "corp_images", List.of("orders-service"), "builds-rg"));

        // A failed bake reads the build VM's serial console before its group goes.
        emulator.faults().add(FaultRule.scriptExit(1, "", "boom").resource("10-packages"));
        Map<String, String> failing = TestConfigs.values();
        failing.put(PropertyNames.GALLERY_IMAGE_DEFINITION, "orders-broken");
        failing.put(PropertyNames.GALLERY_SKU, "broken");
        assertThatThrownBy(() -> bake(TestConfigs.config(dir, failing, "1.0.0")))
                .isInstanceOf(StepFailedException.class);

        Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String operation : emulator.operationsAnswered()) {
            // Blob reads and writes carry a SAS, which authorizes them instead of a role's (data) actions.
            if (!operation.contains("/blobServices/containers/blobs/")) {
                used.add(operation);
            }
        }
        for (String operation : emulator.operationsAnswered()) {
            used.addAll(LINKED.getOrDefault(operation.toLowerCase(Locale.ROOT), List.of()));
        }
        List<String> actions = roleActions();
        assertThat(used).as("operations the goals performed that the role lacks")
                .allSatisfy(op -> assertThat(actions).anyMatch(a -> a.equalsIgnoreCase(op)));
        assertThat(actions).as("actions of the role no goal used").filteredOn(a -> !POLLING_FALLBACK.contains(a))
                .allSatisfy(a -> assertThat(used).contains(a));
    }

    private List<String> idsIn(String group) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(emulator.inventoryJson()).path("resources")) {
            String id = r.path("id").asText();
            if (id.toLowerCase(Locale.ROOT).contains("/resourcegroups/" + group + "/")) {
                ids.add(id);
            }
        }
        return ids;
    }
}

package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests from Azure's own x-ms-examples: each example request, adapted to the emulator's subscription
 * and to resources created first, must answer a status the example lists and a body with the example's keys, in
 * its casing. Examples are named by file; their folders follow the api-versions the SDK in use sends:
 * C = specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2025-04-01/examples,
 * G = .../GalleryRP/stable/2024-03-03/examples/galleryExamples,
 * D = .../DiskRP/stable/2025-01-02/examples (diskExamples, snapshotExamples),
 * N = specification/network/resource-manager/Microsoft.Network/stable/2025-03-01/examples,
 * S = specification/storage/resource-manager/Microsoft.Storage/stable/2025-06-01/examples,
 * R = specification/resources/resource-manager/Microsoft.Resources/stable/2025-04-01/examples (subscriptions:
 * .../stable/2022-12-01/examples), M = specification/marketplaceordering/.../stable/2021-01-01/examples,
 * K = ComputeRP/stable/2021-07-01/examples/skus. The shapes below keep the examples' keys with placeholder values.
 */
class ContractTest {
    private static final String SUB = ArmEmulator.DEFAULT_SUBSCRIPTION;
    private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/myResourceGroup";
    private static final String C = "?api-version=2025-04-01";
    private static final String G = "?api-version=2024-03-03";
    private static final String NV = "?api-version=2025-03-01";
    private static final String SV = "?api-version=2025-06-01";
    private static final String RV = "?api-version=2025-04-01";
    private static final String COMPUTE = RG + "/providers/Microsoft.Compute";
    private static final String NETWORK = RG + "/providers/Microsoft.Network";

    /**
     * Served routes with no x-ms-example to replay: the identity endpoints a custom cloud needs (not ARM, no
     * spec) and the polling URLs of long-running operations (ARM's async protocol, no operation of their own).
     */
    static final Set<String> NO_EXAMPLE = Set.of(
            "GET /metadata/endpoints",
            "GET /adfs/.well-known/openid-configuration",
            "GET /adfs/{tenant}/.well-known/openid-configuration",
            "POST /adfs/oauth2/token",
            "POST /adfs/{tenant}/oauth2/token",
            "POST /adfs/{tenant}/oauth2/v2.0/token",
            "GET /subscriptions/{sub}/providers/{ns}/locations/{loc}/operations/{id}",
            "GET /subscriptions/{sub}/providers/{ns}/locations/{loc}/operationResults/{id}");

    private ArmEmulator emulator;
    private ContractRunner runner;

    @BeforeEach
    void start() throws Exception {
        emulator = ArmEmulator.builder().https(false).timeScale(0).start();
        runner = new ContractRunner(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void everyServedOperationAnswersAsItsExamples() throws Exception {
        ContractCases cases = new ContractCases(runner, SUB);
        cases.runAll();
        Map<String, Integer> byRoute = runner.passedByRoute();
        List<String> served = emulator.routes();
        List<String> uncovered = new ArrayList<>();
        for (String route : served) {
            if (!byRoute.containsKey(route) && !NO_EXAMPLE.contains(route)) {
                uncovered.add(route);
            }
        }
        long passed = runner.results.stream().filter(ContractRunner.Result::passed).count();
        System.out.println("Contract coverage: " + served.size() + " operations served, "
                + (served.size() - NO_EXAMPLE.size() - uncovered.size()) + " with a contract test, "
                + NO_EXAMPLE.size() + " without an example; " + passed + " of " + runner.results.size()
                + " examples passed");
        runner.results.stream().filter(r -> !r.passed()).forEach(r -> System.out.println("  FAILED " + r));
        uncovered.forEach(r -> System.out.println("  NO CONTRACT TEST " + r));
        assertThat(uncovered).as("served operations without a contract test").isEmpty();
        assertThat(runner.results.stream().filter(r -> !r.passed()).map(Object::toString).toList())
                .as("examples the emulator answers otherwise").isEmpty();
    }

    static JsonNode at(JsonNode node, String path) {
        return Json.at(node, path);
    }
}

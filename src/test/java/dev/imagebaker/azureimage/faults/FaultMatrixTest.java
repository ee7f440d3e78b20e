package dev.imagebaker.azureimage.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.azure.AzureSession;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every ARM operation a bake performs (as the emulator saw them in a baseline bake), each fault: a burst of
 * 429s, a transient 503, a terminal 403, a long-running operation that ends Failed; and for scripts a non-zero
 * exit and a hang. Transient faults are retried and the bake succeeds; terminal ones fail it naming step,
 * resource, Azure code and fix, or are survived with a correct result (when the SDK re-reads what it needs).
 * In every cell no temporary resource is left and no new version is latest.
 * Prints the matrix.
 */
class FaultMatrixTest {
    /** Operations a bake uses only to clean up: a one-off refusal there is retried, and the bake succeeds. */
    private static final Set<String> CLEANUP_ONLY = Set.of("Microsoft.Resources/subscriptions/resourcegroups/delete",
            "Microsoft.Resources/locations/operationResults/read");

    @TempDir
    Path dir;

    private record Fault(String label, boolean transientFault, Function<String, FaultRule> rule, String code) {
    }

    private static final List<Fault> FAULTS = List.of(
            new Fault("429 x3", true, op -> FaultRule.throttle(op, 1).times(3), null),
            new Fault("503", true, op -> FaultRule.httpError(op, 503, "ServiceUnavailable", "Try again.").times(1),
                    null),
            new Fault("403", false, op -> FaultRule.httpError(op, 403, "AuthorizationFailed", "The client does not"
                    + " have authorization to perform action '" + op + "'.").times(1), "AuthorizationFailed"),
            new Fault("LRO Failed", false, op -> FaultRule.operationFailed(op, "InternalOperationError",
                    "The operation failed.").times(1), "InternalOperationError"));

    /** One cell's outcome, and what was wrong with it (null when as expected). */
    private record Cell(String outcome, String violation) {
    }

    private Cell run(BakeConfig config, FaultRule rule, boolean expectSuccess, String code) throws Exception {
        try (ArmEmulator emulator = ArmEmulator.builder().timeScale(0).start();
             AzureSession session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(),
                     ArmEmulator.TENANT, ArmEmulator.DEFAULT_SUBSCRIPTION, 0)) {
            emulator.faults().add(rule);
            RecordingProgress progress = new RecordingProgress();
            String outcome;
            String violation = null;
            try {
                var result = new Baker(session.cloud(), progress, Duration.ofSeconds(30)).bake(config);
                outcome = progress.all().contains("trying again") ? "ok, cleanup retried"
                        : expectSuccess ? "ok" : "ok, recovered";
                // Surviving a fault is right only if the result is right: a complete, excluded candidate.
                var version = session.cloud().galleries().version(result.version().id());
                if (version.isEmpty() || !version.get().succeeded()
                        || !version.get().excludeFromLatest()) {
                    violation = "succeeded without a complete candidate version: " + version;
                }
            } catch (StepFailedException e) {
                outcome = "failed: " + e.step().replaceAll(" \\(.*", "") + (e.azureCode() == null ? ""
                        : " [" + e.azureCode() + "]");
                String message = e.getMessage();
                if (expectSuccess) {
                    violation = "failed although the fault was transient: " + message;
                } else if (!message.startsWith("Failed at step '") || !message.contains("Fix: ")
                        || e.resource() == null || code != null && !message.contains(code)) {
                    violation = "the message lacks step, resource, code or fix: " + message;
                }
            }
            if (emulator.faults().fired().isEmpty()) {
                return new Cell("n/a", null);
            }
            List<String> leaks = leaks(emulator);
            if (!leaks.isEmpty()) {
                violation = (violation == null ? "" : violation + "; ") + "left behind: " + leaks;
            }
            return new Cell(outcome, violation);
        }
    }

    /** Temporary resources left, and versions that are latest (a candidate never is). */
    private static List<String> leaks(ArmEmulator emulator) throws Exception {
        List<String> leaks = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(emulator.inventoryJson()).path("resources")) {
            String id = r.path("id").asText();
            if (id.toLowerCase().contains("/resourcegroups/azimg-") || id.contains("Microsoft.Storage")) {
                leaks.add(id);
            }
            if (r.path("type").asText().endsWith("/versions")
                    && !r.path("properties").path("publishingProfile").path("excludeFromLatest").asBoolean()) {
                leaks.add("latest " + id);
            }
        }
        return leaks;
    }

    /** Every cell that ran, for the printed matrix. */
    private static final Map<String, Map<String, String>> MATRIX = new ConcurrentSkipListMap<>();
    private static final AtomicInteger FIRED = new AtomicInteger();

    /** One named test per operation and fault, e.g. "Microsoft.Compute/virtualMachines/write x 503". */
    @TestFactory
    Stream<DynamicNode> everyFaultInEveryOperationIsRetriedOrReportedAndLeaksNothing() throws Exception {
        BakeConfig config = MatrixProject.config(dir);
        List<String> operations;
        try (ArmEmulator emulator = ArmEmulator.builder().timeScale(0).start();
             AzureSession session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(),
                     ArmEmulator.TENANT, ArmEmulator.DEFAULT_SUBSCRIPTION, 0)) {
            new Baker(session.cloud(), new RecordingProgress(), Duration.ofSeconds(30)).bake(config);
            operations = emulator.operationsAnswered();
        }
        assertThat(operations).hasSizeGreaterThan(20);
        Stream<DynamicNode> cells = operations.stream().map(operation -> DynamicContainer.dynamicContainer(operation,
                FAULTS.stream().map(fault -> DynamicTest.dynamicTest(operation + " x " + fault.label, () -> check(
                        operation, fault.label, run(config, fault.rule.apply(operation),
                                fault.transientFault || CLEANUP_ONLY.contains(operation), fault.code))))));
        Stream<DynamicNode> scripts = Stream.of(DynamicContainer.dynamicContainer("script 20-app.sh", Stream.of(
                DynamicTest.dynamicTest("script 20-app.sh x exit 2", () -> check("script 20-app.sh", "exit 2",
                        run(config, FaultRule.scriptExit(2, "", "E: broken").resource("20-app"), false,
                                "exited with code 2"))),
                DynamicTest.dynamicTest("script 20-app.sh x hang", () -> check("script 20-app.sh", "hang",
                        run(config, FaultRule.scriptHang().resource("20-app"), false, "did not finish within"))))));
        DynamicTest coverage = DynamicTest.dynamicTest("the faults fired in more than 90 cells",
                () -> assertThat(FIRED.get()).as("cells where the fault fired").isGreaterThan(90));
        return Stream.concat(Stream.concat(cells, scripts), Stream.of(coverage));
    }

    private static void check(String operation, String fault, Cell cell) {
        MATRIX.computeIfAbsent(operation, k -> new ConcurrentSkipListMap<>()).put(fault, cell.outcome);
        Assumptions.assumeFalse(cell.outcome.equals("n/a"), "the bake never reached " + operation);
        FIRED.incrementAndGet();
        assertThat(cell.violation).as(operation + " x " + fault).isNull();
    }

    @AfterAll
    static void printMatrix() {
        StringBuilder table = new StringBuilder("\nFault matrix (operation x fault -> outcome):\n");
        MATRIX.forEach((operation, row) -> {
            table.append(String.format("%-75s", operation));
            row.forEach((fault, outcome) -> table.append(String.format(" | %-10s %-45s", fault,
                    outcome.length() > 45 ? outcome.substring(0, 44) + "~" : outcome)));
            table.append('\n');
        });
        System.out.println(table);
    }
}

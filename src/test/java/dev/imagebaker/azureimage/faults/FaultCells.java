package dev.imagebaker.azureimage.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.azure.AzureSession;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The fault matrix's machinery, shared by every goal: the faults, one cell (a fresh emulator, one fault, the goal
 * run once), what a cell must show, and the printed table.
 */
final class FaultCells {
    /** A fault: transient ones must be retried into success; terminal ones reported with their Azure code. */
    record Fault(String label, boolean transientFault, Function<String, FaultRule> rule, String code) {
    }

    static final List<Fault> FAULTS = List.of(
            new Fault("429 x3", true, op -> FaultRule.throttle(op, 0).times(3), null),
            new Fault("503", true, op -> FaultRule.httpError(op, 503, "ServiceUnavailable", "Try again.").times(1),
                    null),
            new Fault("403", false, op -> FaultRule.httpError(op, 403, "AuthorizationFailed", "The client does not"
                    + " have authorization to perform action '" + op + "'.").times(1), "AuthorizationFailed"),
            new Fault("LRO Failed", false, op -> FaultRule.operationFailed(op, "InternalOperationError",
                    "The operation failed.").times(1), "InternalOperationError"));

    /**
     * Without the burst of 429s: throttling is retried by the SDK's pipeline, the same for every operation, and each
     * cell costs the Retry-After seconds; the bake's matrix covers it.
     */
    static final List<Fault> FAULTS_BUT_THROTTLING = FAULTS.subList(1, FAULTS.size());

    /** Operations a goal uses only to clean up after itself: a one-off refusal there is retried. */
    static final Set<String> CLEANUP_ONLY = Set.of("Microsoft.Resources/subscriptions/resourcegroups/delete",
            "Microsoft.Resources/locations/operationResults/read");

    /** A goal as the matrix runs it. */
    interface Goal {
        /** Runs the goal; returns what is wrong with its result when it succeeded, or null. */
        String run(AzureSession session, RecordingProgress progress) throws Exception;

        /** What the goal must never leave behind, whether it succeeded or failed. */
        List<String> leaks(ArmEmulator emulator) throws Exception;
    }

    /** One cell's outcome, and what was wrong with it (null when as expected). */
    record Cell(String outcome, String violation) {
    }

    private final String goalName;
    private final Path dir;
    private final Path state;

    /** Cells of a goal that starts from the given emulator state (null: an empty subscription). */
    FaultCells(String goalName, Path dir, Path state) {
        this.goalName = goalName;
        this.dir = dir;
        this.state = state;
    }

    private ArmEmulator emulator() throws Exception {
        ArmEmulator.Builder builder = ArmEmulator.builder().timeScale(0);
        if (state != null) {
            Path copy = Files.createTempFile(dir, "state", ".json");
            Files.copy(state, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            builder.stateFile(copy);
        }
        return builder.start();
    }

    /** The ARM operations the goal performs without faults, in the order the emulator first answered them. */
    List<String> baseline(Goal goal) throws Exception {
        try (ArmEmulator emulator = emulator(); AzureSession session = session(emulator)) {
            String wrong = goal.run(session, new RecordingProgress());
            assertThat(wrong).as(goalName + " without faults").isNull();
            assertThat(goal.leaks(emulator)).as(goalName + " without faults leaves").isEmpty();
            return emulator.operationsAnswered();
        }
    }

    private static AzureSession session(ArmEmulator emulator) {
        return AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(), ArmEmulator.TENANT,
                ArmEmulator.DEFAULT_SUBSCRIPTION, 0);
    }

    Cell run(Goal goal, FaultRule rule, boolean expectSuccess, String code) throws Exception {
        try (ArmEmulator emulator = emulator(); AzureSession session = session(emulator)) {
            emulator.faults().add(rule);
            RecordingProgress progress = new RecordingProgress();
            String outcome;
            String violation = null;
            try {
                violation = goal.run(session, progress);
                outcome = progress.all().contains("trying again") ? "ok, cleanup retried"
                        : expectSuccess ? "ok" : "ok, recovered";
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
            List<String> leaks = goal.leaks(emulator);
            if (!leaks.isEmpty()) {
                violation = (violation == null ? "" : violation + "; ") + "left behind: " + leaks;
            }
            return new Cell(outcome, violation);
        }
    }

    /**
     * One named test per operation and fault, e.g. "publish: Microsoft.Compute/galleries/images/versions/write x
     * 503", plus the extra cells given.
     */
    Stream<DynamicNode> cells(Goal goal, List<String> operations, Set<String> cleanupOnly, List<Fault> faults,
                              Matrix matrix) {
        return operations.stream().map(operation -> DynamicContainer.dynamicContainer(goalName + ": " + operation,
                faults.stream().map(fault -> DynamicTest.dynamicTest(goalName + ": " + operation + " x "
                        + fault.label(), () -> matrix.check(goalName + ": " + operation, fault.label(), run(goal,
                        fault.rule().apply(operation), fault.transientFault() || cleanupOnly.contains(operation),
                        fault.code()))))));
    }

    /** Temporary resources left: the plugin's temporary groups and its staging storage. */
    static List<String> temporaryResources(ArmEmulator emulator, Set<String> preexisting) throws Exception {
        List<String> leaks = new ArrayList<>();
        for (JsonNode r : resources(emulator)) {
            String id = r.path("id").asText();
            if ((id.toLowerCase().contains("/resourcegroups/azimg-") || id.contains("Microsoft.Storage"))
                    && !preexisting.contains(id)) {
                leaks.add(id);
            }
        }
        return leaks;
    }

    /** Versions that are latest, but for the ones allowed. */
    static List<String> latestVersions(ArmEmulator emulator, Set<String> allowed) throws Exception {
        List<String> latest = new ArrayList<>();
        for (JsonNode r : resources(emulator)) {
            if (r.path("type").asText().endsWith("/versions") && !allowed.contains(r.path("id").asText())
                    && !r.path("properties").path("publishingProfile").path("excludeFromLatest").asBoolean()) {
                latest.add("latest " + r.path("id").asText());
            }
        }
        return latest;
    }

    static JsonNode resources(ArmEmulator emulator) throws Exception {
        return new ObjectMapper().readTree(emulator.inventoryJson()).path("resources");
    }

    /** The cells that ran, printed after all of them. */
    static final class Matrix {
        private final Map<String, Map<String, String>> rows = new ConcurrentSkipListMap<>();
        private int fired;

        synchronized void check(String row, String fault, Cell cell) {
            rows.computeIfAbsent(row, k -> new ConcurrentSkipListMap<>()).put(fault, cell.outcome());
            Assumptions.assumeFalse(cell.outcome().equals("n/a"), "the goal never reached " + row);
            fired++;
            assertThat(cell.violation()).as(row + " x " + fault).isNull();
        }

        synchronized int fired() {
            return fired;
        }

        void print(String title) {
            StringBuilder table = new StringBuilder("\n" + title + " (operation x fault -> outcome):\n");
            rows.forEach((operation, row) -> {
                table.append(String.format("%-90s", operation));
                row.forEach((fault, outcome) -> table.append(String.format(" | %-10s %-45s", fault,
                        outcome.length() > 45 ? outcome.substring(0, 44) + "~" : outcome)));
                table.append('\n');
            });
            System.out.println(table);
        }
    }
}

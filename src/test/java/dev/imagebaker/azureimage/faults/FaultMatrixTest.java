package dev.imagebaker.azureimage.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebaker.azureimage.azure.AzureSession;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
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
 * Prints the matrix. {@link GoalFaultMatrixTest} does the same for publish, test-image and clean.
 */
class FaultMatrixTest {
    private static final FaultCells.Matrix MATRIX = new FaultCells.Matrix();

    @TempDir
    Path dir;

    /** A bake of the matrix project; surviving a fault is right only with a complete, excluded candidate. */
    private static FaultCells.Goal bake(BakeConfig config) {
        return new FaultCells.Goal() {
            @Override
            public String run(AzureSession session, RecordingProgress progress) {
                var result = new Baker(session.cloud(), progress, Duration.ofSeconds(30)).bake(config);
                var version = session.cloud().galleries().version(result.version().id());
                return version.isPresent() && version.get().succeeded() && version.get().excludeFromLatest() ? null
                        : "succeeded without a complete candidate version: " + version;
            }

            @Override
            public List<String> leaks(ArmEmulator emulator) throws Exception {
                List<String> leaks = new ArrayList<>(FaultCells.temporaryResources(emulator, Set.of()));
                leaks.addAll(FaultCells.latestVersions(emulator, Set.of()));
                return leaks;
            }
        };
    }

    @TestFactory
    Stream<DynamicNode> everyFaultInEveryOperationIsRetriedOrReportedAndLeaksNothing() throws Exception {
        FaultCells cells = new FaultCells("bake", dir, null);
        FaultCells.Goal bake = bake(MatrixProject.config(dir));
        List<String> operations = cells.baseline(bake);
        assertThat(operations).hasSizeGreaterThan(20);
        Stream<DynamicNode> scripts = Stream.of(DynamicContainer.dynamicContainer("bake: script 20-app.sh", Stream.of(
                DynamicTest.dynamicTest("bake: script 20-app.sh x exit 2", () -> MATRIX.check("bake: script 20-app.sh",
                        "exit 2", cells.run(bake, FaultRule.scriptExit(2, "", "E: broken").resource("20-app"), false,
                                "exited with code 2"))),
                DynamicTest.dynamicTest("bake: script 20-app.sh x hang", () -> MATRIX.check("bake: script 20-app.sh",
                        "hang", cells.run(bake, FaultRule.scriptHang().resource("20-app"), false,
                                "did not finish within"))))));
        DynamicTest coverage = DynamicTest.dynamicTest("the faults fired in more than 90 cells",
                () -> assertThat(MATRIX.fired()).as("cells where the fault fired").isGreaterThan(90));
        return Stream.concat(Stream.concat(cells.cells(bake, operations, FaultCells.CLEANUP_ONLY, FaultCells.FAULTS, MATRIX), scripts),
                Stream.of(coverage));
    }

    @AfterAll
    static void printMatrix() {
        MATRIX.print("Fault matrix, bake");
    }
}

package dev.imagebaker.azureimage.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebaker.azureimage.azure.AzureSession;
import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.CapturedVersions;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.TestConfigs;
import dev.imagebaker.azureimage.bake.clean.Cleaner;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.bake.publish.Publisher;
import dev.imagebaker.azureimage.bake.test.ImageTester;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertiesConfiguration;
import dev.imagebaker.azureimage.config.PublishConfig;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.TestConfig;
import dev.imagebaker.azureimage.config.VersionKind;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix for the goals that do not bake: publish, test-image and clean run through the same step runner
 * as bake, so every fault in every operation they perform is retried or reported naming step, resource, Azure code
 * and fix, and leaves nothing behind. Each starts from one saved emulator state: a baked candidate, a group an
 * killed build left (expired), and a version whose capture failed (made with the raw SDK, so not excluded from
 * latest: the only version allowed to be).
 */
class GoalFaultMatrixTest {
    private static final FaultCells.Matrix MATRIX = new FaultCells.Matrix();
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final String EXPIRED_GROUP = "azimg-killed";

    @TempDir
    Path dir;
    private Path state;
    private BakedVersion candidate;
    private String failedVersion;

    @BeforeEach
    void prepare() throws Exception {
        var config = MatrixProject.config(dir);
        Path tests = Files.createDirectories(dir.resolve("src/test/image"));
        Files.writeString(tests.resolve("10-java.sh"), "java -version\n");
        state = dir.resolve("prepared-state.json");
        try (ArmEmulator emulator = ArmEmulator.builder().timeScale(0).stateFile(state).start();
             AzureSession session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(),
                     ArmEmulator.TENANT, ArmEmulator.DEFAULT_SUBSCRIPTION, 0)) {
            VersionInfo baked = new Baker(session.cloud(), new RecordingProgress(), HEARTBEAT).bake(config).version();
            candidate = new BakedVersion(baked.id(), VersionKind.RELEASE, "westeurope");
            session.cloud().groups().create(EXPIRED_GROUP, "westeurope", Map.of(Tags.BUILD_ID, "killed",
                    Tags.CREATED_BY, "plugin", Tags.EXPIRES_AT, Instant.now().minusSeconds(60).toString()));
            failedVersion = CapturedVersions.capture(emulator, "9.9.9", true);
        }
    }

    private PublishConfig publishConfig() {
        return BakeConfigReader.readPublish(TestConfigs.values(), TestConfigs.info(dir, "1.4.2"), "westeurope");
    }

    /** Publish: on success the candidate is latest; otherwise no version is. */
    private FaultCells.Goal publish() {
        PublishConfig config = publishConfig();
        return new FaultCells.Goal() {
            private boolean published;

            @Override
            public String run(AzureSession session, RecordingProgress progress) {
                published = false;
                VersionInfo result = new Publisher(session.cloud(), progress, HEARTBEAT).publish(candidate,
                        config.publishing(), config.timeouts().operation(), config.releaseDefinition(),
                        config.snapshotDefinition());
                published = true;
                var version = session.cloud().galleries().version(candidate.id());
                return version.isPresent() && version.get().succeeded() && !version.get().excludeFromLatest()
                        && result.id().equals(candidate.id()) ? null : "reported published but is not: " + version;
            }

            @Override
            public List<String> leaks(ArmEmulator emulator) throws Exception {
                return FaultCells.latestVersions(emulator, published ? Set.of(candidate.id().toString(), failedVersion)
                        : Set.of(failedVersion));
            }
        };
    }

    /** test-image: on success the candidate is tagged passed; it stays a candidate, and test VMs are gone. */
    private FaultCells.Goal testImage() {
        TestConfig config = BakeConfigReader.readTest(new PropertiesConfiguration(TestConfigs.values()),
                TestConfigs.info(dir, "1.4.2"), ReadOptions.defaults(), OsType.LINUX, null);
        return new FaultCells.Goal() {
            @Override
            public String run(AzureSession session, RecordingProgress progress) {
                new ImageTester(session.cloud(), progress, HEARTBEAT).test(config, candidate);
                var version = session.cloud().galleries().version(candidate.id());
                return version.isPresent() && Tags.PASSED.equals(version.get().tags().get(Tags.TEST)) ? null
                        : "passed but not tagged so: " + version;
            }

            @Override
            public List<String> leaks(ArmEmulator emulator) throws Exception {
                List<String> leaks = new ArrayList<>(FaultCells.temporaryResources(emulator, Set.of(
                        "/subscriptions/" + ArmEmulator.DEFAULT_SUBSCRIPTION + "/resourceGroups/" + EXPIRED_GROUP)));
                leaks.addAll(FaultCells.latestVersions(emulator, Set.of(failedVersion)));
                // No test fails here: a fault in Azure is no verdict on the image, which publish would then refuse.
                for (var r : FaultCells.resources(emulator)) {
                    if (r.path("id").asText().equals(candidate.id().toString())
                            && Tags.FAILED.equals(r.path("tags").path(Tags.TEST).asText())) {
                        leaks.add("the good candidate tagged " + Tags.TEST + "=" + Tags.FAILED);
                    }
                }
                return leaks;
            }
        };
    }

    /** clean: on success the expired group and the failed version are gone; the good candidate never is. */
    private FaultCells.Goal clean() {
        Cleaner.Request request = new Cleaner.Request(Instant.now(), false, Duration.ofMinutes(5), "images-rg",
                "corp_images", List.of("orders-service", "orders-service-snapshot"));
        return new FaultCells.Goal() {
            @Override
            public String run(AzureSession session, RecordingProgress progress) {
                Cleaner.Report report = new Cleaner(session.cloud(), progress, HEARTBEAT).clean(request);
                boolean groupGone = !session.cloud().groups().exists(EXPIRED_GROUP);
                boolean versionGone = session.cloud().galleries().version(GalleryImageVersionId.parse(failedVersion))
                        .isEmpty();
                return groupGone && versionGone && report.groups().equals(List.of(EXPIRED_GROUP))
                        && report.versions().equals(List.of(failedVersion)) ? null
                        : "reported " + report + " but group gone: " + groupGone + ", version gone: " + versionGone;
            }

            @Override
            public List<String> leaks(ArmEmulator emulator) throws Exception {
                boolean candidateKept = false;
                for (var r : FaultCells.resources(emulator)) {
                    candidateKept |= r.path("id").asText().equals(candidate.id().toString());
                }
                return candidateKept ? List.of() : List.of("the good candidate was deleted");
            }
        };
    }

    @TestFactory
    Stream<DynamicNode> publishTestImageAndCleanRetryOrReportEveryFault() throws Exception {
        List<Stream<DynamicNode>> goals = new ArrayList<>();
        for (var entry : Map.of("publish", publish(), "test-image", testImage(), "clean", clean()).entrySet()) {
            FaultCells cells = new FaultCells(entry.getKey(), dir, state);
            List<String> operations = cells.baseline(entry.getValue());
            assertThat(operations).as(entry.getKey() + " operations").isNotEmpty();
            // Clean's deletions are its work, not cleanup: there a refusal is reported, not retried quietly.
            Set<String> cleanupOnly = entry.getKey().equals("clean") ? Set.of() : FaultCells.CLEANUP_ONLY;
            goals.add(cells.cells(entry.getValue(), operations, cleanupOnly, FaultCells.FAULTS_BUT_THROTTLING,
                    MATRIX));
        }
        return goals.stream().flatMap(s -> s);
    }

    @AfterAll
    static void printMatrix() {
        MATRIX.print("Fault matrix, publish, test-image and clean");
    }
}

package dev.imagebaker.azureimage.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebaker.azureimage.bake.clean.Cleaner;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.ProvisioningState;
import dev.imagebaker.azureimage.bake.cloud.ResourceGroups;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.image.Fingerprint;
import dev.imagebaker.azureimage.bake.publish.Publisher;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.test.ImageTester;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertiesConfiguration;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.SecretResolver;
import dev.imagebaker.azureimage.config.TestConfig;
import dev.imagebaker.azureimage.config.VersionKind;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** test-image and clean against the emulator. */
class TestAndCleanOnEmulatorTest extends OnEmulator {

    @BeforeEach
    void start() throws Exception {
        start(0);
        TestConfigs.project(dir, "10-packages.sh");
        Path tests = Files.createDirectories(dir.resolve("src/test/image"));
        Files.writeString(tests.resolve("10-java.sh"), "java -version\n");
        Files.writeString(tests.resolve("20-service.sh"), "systemctl is-enabled orders\n");
    }

    private VersionInfo candidate() {
        BakeConfig config = BakeConfigReader.read(TestConfigs.values(), TestConfigs.info(dir, "1.4.2"),
                new ReadOptions(true, SecretResolver.environmentOnly(name -> null), false));
        return bake(config).version();
    }

    private TestConfig testConfig(Map<String, String> extra) {
        Map<String, String> values = TestConfigs.values();
        values.putAll(extra);
        return BakeConfigReader.readTest(new PropertiesConfiguration(values), TestConfigs.info(dir, "1.4.2"),
                ReadOptions.defaults(), OsType.LINUX, null);
    }

    private VersionInfo current(VersionInfo v) {
        return session.cloud().galleries().version(v.id()).orElseThrow();
    }

    private List<String> temporary() throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(emulator.inventoryJson()).path("resources")
                .findValuesAsText("id").stream().filter(id -> id.toLowerCase().contains("/resourcegroups/azimg-"))
                .toList();
    }

    @Test
    void aGoodImagePassesOnEveryVmAndIsTaggedPassed() throws Exception {
        VersionInfo candidate = candidate();
        ImageTester.TestResult result = new ImageTester(session.cloud(), progress, Duration.ofSeconds(30))
                .test(testConfig(Map.of("azure-image.test.count", "2")),
                        new BakedVersion(candidate.id(), VersionKind.RELEASE, "westeurope"));
        assertThat(result.vms()).isEqualTo(2);
        assertThat(progress.all()).contains("Run test 10-java.sh on azimg-test-1").contains("Run test 20-service.sh on"
                + " azimg-test-2");
        assertThat(current(candidate).tags()).containsEntry(Tags.TEST, Tags.PASSED);
        assertThat(current(candidate).excludeFromLatest()).isTrue();
        assertThat(temporary()).isEmpty();
    }

    @Test
    void aFailingTestLeavesAFailedCandidateThatPublishRefuses() throws Exception {
        VersionInfo candidate = candidate();
        emulator.faults().add(FaultRule.scriptExit(1, "", "orders.service is not enabled").resource("test-20-service"));
        BakedVersion target = new BakedVersion(candidate.id(), VersionKind.RELEASE, "westeurope");
        assertThatThrownBy(() -> new ImageTester(session.cloud(), progress, Duration.ofSeconds(30))
                .test(testConfig(Map.of()), target)).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Test 20-service.sh failed on azimg-test-1 with exit code 1")
                .hasMessageContaining("orders.service is not enabled").hasMessageContaining("stays a candidate");
        assertThat(current(candidate).tags()).containsEntry(Tags.TEST, Tags.FAILED);
        assertThat(current(candidate).excludeFromLatest()).isTrue();
        assertThat(temporary()).isEmpty();
        BakeConfig config = BakeConfigReader.read(TestConfigs.values(), TestConfigs.info(dir, "1.4.2"));
        assertThatThrownBy(() -> new Publisher(session.cloud(), progress, Duration.ofSeconds(30)).publish(target,
                config.publishing(), Duration.ofMinutes(5), null, null))
                .hasMessageContaining("failed its tests");

        // Same inputs: the failed candidate is reused (and test-image would test it again).
        assertThat(candidate().tags()).containsEntry(Tags.TEST, Tags.FAILED);
        // Fixed inputs: the failed candidate, never published, gives its name to the new bake.
        Files.writeString(dir.resolve("src/main/image/scripts/10-packages.sh"), "systemctl enable orders\n");
        VersionInfo fixed = candidate();
        assertThat(progress.all()).contains("replacing 1.4.2: a candidate that failed its tests");
        assertThat(fixed.tags()).doesNotContainKey(Tags.TEST);
        assertThat(fixed.tags().get(Fingerprint.TAG)).isNotEqualTo(candidate.tags().get(Fingerprint.TAG));
        assertThat(temporary()).isEmpty();
    }

    @Test
    void anImageCapturedWithoutDeprovisionIsExplained() throws Exception {
        String versionId = CapturedVersions.capture(emulator, "0.0.1", false);
        BakedVersion target = new BakedVersion(GalleryImageVersionId.parse(versionId), VersionKind.RELEASE,
                "westeurope");
        assertThatThrownBy(() -> new ImageTester(session.cloud(), progress, Duration.ofSeconds(30))
                .test(testConfig(Map.of()), target)).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Azure error OSProvisioningTimedOut")
                .hasMessageContaining("captured from a guest that was not generalized");
        assertThat(temporary()).isEmpty();
    }

    @Test
    void cleanDeletesExpiredGroupsOfOursAndFailedVersionsOnly() throws Exception {
        ResourceGroups groups = session.cloud().groups();
        String tag = Tags.BUILD_ID;
        groups.create("azimg-killed", "westeurope", Map.of(tag, "b1", Tags.CREATED_BY, "plugin",
                Tags.EXPIRES_AT, Instant.now().minusSeconds(60).toString()));
        groups.create("azimg-running", "westeurope", Map.of(tag, "b2", Tags.CREATED_BY, "plugin",
                Tags.EXPIRES_AT, Instant.now().plusSeconds(3600).toString()));
        groups.create("someone-elses", "westeurope", Map.of(tag, "b3"));
        groups.create("untagged", "westeurope", Map.of());
        VersionInfo good = candidate();
        // A version whose capture failed and whose bake was killed before it could delete it.
        String failed = CapturedVersions.capture(emulator, "9.9.9", true);

        Cleaner cleaner = new Cleaner(session.cloud(), progress, Duration.ofSeconds(30));
        List<String> definitions = List.of("orders-service", "orders-service-snapshot");
        Cleaner.Report dry = cleaner.clean(new Cleaner.Request(Instant.now(), true, Duration.ofMinutes(5),
                "images-rg", "corp_images", definitions));
        assertThat(dry.groups()).containsExactly("azimg-killed");
        assertThat(groups.exists("azimg-killed")).isTrue();

        Cleaner.Report report = cleaner.clean(new Cleaner.Request(Instant.now(), false, Duration.ofMinutes(5),
                "images-rg", "corp_images", definitions));
        assertThat(report.groups()).containsExactly("azimg-killed");
        assertThat(report.kept()).containsExactly("azimg-running");
        assertThat(report.versions()).containsExactly(failed);
        assertThat(groups.exists("azimg-killed")).isFalse();
        assertThat(groups.exists("azimg-running")).isTrue();
        assertThat(groups.exists("someone-elses")).isTrue();
        assertThat(current(good).provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
    }
}

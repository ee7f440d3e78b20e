package dev.imagebaker.azureimage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.lenient;

import dev.imagebaker.azureimage.config.PropertyNames;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throws an invalid value at every parameter in {@link PropertyNames}, alone and all together, through the goals as
 * Maven runs them, with publish and test-image bound so their settings are checked up front too. Each bad value
 * must give one clear message naming its pom element and -D property, as a build failure (no stack trace), before
 * anything is created: the emulator the goal would bake on is never started.
 */
@MojoTest
@Basedir("/unit/badvalues")
class BadValueTest {
    private static final String POM = TestPoms.BAKE + TestPoms.END;

    /** The goal a property belongs to: most are read by bake (and validate); a few by one goal only. */
    private enum Goal { BAKE, PUBLISH, CLEAN, EMULATOR }

    /** A bad value for a property, the goal that reads it, and the pom element the message must name. */
    private record Bad(String property, String value, Goal goal, String pomElement, Map<String, String> context) {
        Bad(String property, String value, Goal goal, String pomElement) {
            this(property, value, goal, pomElement, Map.of());
        }

        /** The bad value with the valid values it needs around it to be read at all. */
        Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>(context);
            settings.put(property, value);
            return settings;
        }
    }

    /** A custom cloud needs all three endpoints; each is tried bad among two good ones. */
    private static Map<String, String> customCloudBut(String property) {
        Map<String, String> endpoints = new LinkedHashMap<>(Map.of(
                PropertyNames.CLOUD_RESOURCE_MANAGER, "https://management.azure.example/",
                PropertyNames.CLOUD_AUTHORITY_HOST, "https://login.azure.example/",
                PropertyNames.CLOUD_AUDIENCE, "https://management.azure.example/"));
        endpoints.remove(property);
        return endpoints;
    }

    /** For the per-name prefixes, one concrete property stands for all of them. */
    private static final List<Bad> BAD = List.of(
            new Bad(PropertyNames.SKIP, "ture", Goal.BAKE, "skip"),
            new Bad(PropertyNames.SUBSCRIPTION_ID, "my-subscription", Goal.BAKE, "subscriptionId"),
            new Bad(PropertyNames.TENANT_ID, "not a tenant", Goal.BAKE, "tenantId"),
            new Bad(PropertyNames.LOCATION, "west europe!", Goal.BAKE, "location"),
            new Bad(PropertyNames.SOURCE, "Canonical:ubuntu", Goal.BAKE, "source"),
            new Bad(PropertyNames.OS_TYPE, "solaris", Goal.BAKE, "osType"),
            new Bad(PropertyNames.VM_SIZE, "huge", Goal.BAKE, "vmSize"),
            new Bad(PropertyNames.GALLERY_RESOURCE_GROUP, "images/rg", Goal.BAKE, "gallery/resourceGroup"),
            new Bad(PropertyNames.GALLERY_NAME, "corp-images", Goal.BAKE, "gallery/name"),
            new Bad(PropertyNames.GALLERY_IMAGE_DEFINITION, "orders service", Goal.BAKE, "gallery/imageDefinition"),
            new Bad(PropertyNames.GALLERY_PUBLISHER, "con toso", Goal.BAKE, "gallery/publisher"),
            new Bad(PropertyNames.GALLERY_OFFER, "orders?", Goal.BAKE, "gallery/offer"),
            new Bad(PropertyNames.GALLERY_SKU, "x".repeat(65), Goal.BAKE, "gallery/sku"),
            new Bad(PropertyNames.GALLERY_SNAPSHOT_DEFINITION, "snap shot", Goal.BAKE,
                    "gallery/snapshotImageDefinition"),
            new Bad(PropertyNames.TARGET_REGIONS, "westeurope:0", Goal.BAKE, "targetRegions"),
            new Bad(PropertyNames.END_OF_LIFE_AFTER, "soon", Goal.BAKE, "endOfLifeAfter"),
            new Bad(PropertyNames.RETENTION_RELEASES, "-1", Goal.BAKE, "retention/releases"),
            new Bad(PropertyNames.RETENTION_SNAPSHOTS, "many", Goal.BAKE, "retention/snapshots"),
            new Bad(PropertyNames.RETENTION_MINIMUM_AGE, "old", Goal.BAKE, "retention/minimumAge"),
            new Bad(PropertyNames.RETENTION_DRY_RUN, "ture", Goal.BAKE, "retention/dryRun"),
            new Bad(PropertyNames.TIMEOUT_REPLICATION, "0s", Goal.BAKE, "timeouts/replication"),
            new Bad(PropertyNames.MANIFEST, "target/nowhere/image.json", Goal.PUBLISH, "manifest"),
            new Bad(PropertyNames.CLEAN_DRY_RUN, "ture", Goal.CLEAN, "dryRun"),
            new Bad(PropertyNames.TEST_SKIP, "ture", Goal.BAKE, "test/skip"),
            new Bad(PropertyNames.TEST_COUNT, "11", Goal.BAKE, "test/count"),
            new Bad(PropertyNames.TEST_VM_SIZE, "big", Goal.BAKE, "test/vmSize"),
            new Bad(PropertyNames.TEST_SCRIPTS_DIRECTORY, "src/test/missing", Goal.BAKE, "test/scriptsDirectory"),
            new Bad(PropertyNames.TEST_TIMEOUT, "forever", Goal.BAKE, "test/timeout"),
            new Bad(PropertyNames.FILES, "some-file", Goal.BAKE, "files"),
            new Bad(PropertyNames.ENVIRONMENT_PREFIX + "1BAD", "x", Goal.BAKE, "environment/1BAD"),
            new Bad(PropertyNames.SECRETS_PREFIX + "TOKEN", "vault:token", Goal.BAKE, "secrets/secret[name=TOKEN]"),
            new Bad(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.timeout", "soon", Goal.BAKE,
                    "scripts/script[name=10-packages.sh]/timeout"),
            new Bad(PropertyNames.SCRIPTS_DIRECTORY, "src/main/missing", Goal.BAKE, "scriptsDirectory"),
            new Bad(PropertyNames.IMAGE_VERSION, "1.x", Goal.BAKE, "imageVersion"),
            new Bad(PropertyNames.TIMEOUT_SCRIPT, "-5m", Goal.BAKE, "timeouts/script"),
            new Bad(PropertyNames.TIMEOUT_DEPROVISION, "never", Goal.BAKE, "timeouts/deprovision"),
            new Bad(PropertyNames.TIMEOUT_OPERATION, "0", Goal.BAKE, "timeouts/operation"),
            new Bad(PropertyNames.KEEP_ON_FAILURE, "ture", Goal.BAKE, "keepOnFailure"),
            new Bad(PropertyNames.TEMP_GROUP_TTL, "-1h", Goal.BAKE, "tempGroupTtl"),
            new Bad(PropertyNames.WAIT_FOR_DELETION, "no", Goal.BAKE, "waitForDeletion"),
            new Bad(PropertyNames.DATA_DISKS, "0:99999", Goal.BAKE, "dataDisks"),
            new Bad(PropertyNames.LAYERS_PREFIX + "base", "99-missing.sh", Goal.BAKE, "layers/base"),
            new Bad(PropertyNames.LAYER_CACHE, "ture", Goal.BAKE, "layerCache"),
            new Bad(PropertyNames.LAYER_MAX_AGE, "a week", Goal.BAKE, "layerMaxAge"),
            new Bad(PropertyNames.CLOUD, "AzureMoon", Goal.BAKE, "cloud"),
            new Bad(PropertyNames.CLOUD_RESOURCE_MANAGER, "not a url", Goal.BAKE, "cloudEndpoints/resourceManager",
                    customCloudBut(PropertyNames.CLOUD_RESOURCE_MANAGER)),
            new Bad(PropertyNames.CLOUD_AUTHORITY_HOST, "ftp://login.example.com", Goal.BAKE,
                    "cloudEndpoints/authorityHost", customCloudBut(PropertyNames.CLOUD_AUTHORITY_HOST)),
            new Bad(PropertyNames.CLOUD_AUDIENCE, "not a url", Goal.BAKE, "cloudEndpoints/audience",
                    customCloudBut(PropertyNames.CLOUD_AUDIENCE)),
            new Bad(PropertyNames.AUTH_TYPE, "password", Goal.BAKE, "auth/type"),
            new Bad(PropertyNames.AUTH_CLIENT_ID, "my-app", Goal.BAKE, "auth/clientId"),
            new Bad(PropertyNames.AUTH_SERVER_ID, "no-such-server", Goal.BAKE, "auth/serverId"),
            new Bad(PropertyNames.AUTH_CERTIFICATE, "missing.pem", Goal.BAKE, "auth/certificate"),
            new Bad(PropertyNames.AUTH_SERVICE_CONNECTION_ID, "my connection", Goal.BAKE, "auth/serviceConnectionId"),
            new Bad(PropertyNames.BUILD_RESOURCE_GROUP, "build/rg", Goal.BAKE, "buildResourceGroup"),
            new Bad(PropertyNames.NETWORK_SUBNET_ID, "subnet-1", Goal.BAKE, "network/subnetId"),
            new Bad(PropertyNames.NETWORK_OUTBOUND, "sometimes", Goal.BAKE, "network/outbound"),
            new Bad(PropertyNames.SECURITY_TYPE, "Secure", Goal.BAKE, "securityType"),
            new Bad(PropertyNames.TAGS_PREFIX + "cost<center", "x", Goal.BAKE, "tags/cost<center"),
            new Bad(PropertyNames.EMULATOR, "maybe", Goal.BAKE, "emulator"),
            new Bad(PropertyNames.EMULATOR_PORT, "70000", Goal.EMULATOR, "port"),
            new Bad(PropertyNames.EMULATOR_TIME_SCALE, "fast", Goal.BAKE, "emulatorTimeScale"),
            new Bad(PropertyNames.EMULATOR_STATE, "some-file/state.json", Goal.BAKE, "emulatorState"),
            new Bad(PropertyNames.EMULATOR_FAULTS, "missing-faults.json", Goal.BAKE, "emulatorFaults"),
            new Bad(PropertyNames.EMULATOR_CERTIFICATE, "some-file/emulator.pem", Goal.EMULATOR, "certificate"));

    @Inject
    MavenSession session;

    @Inject
    MavenProject project;

    /** The project Maven would pass, building with publish and test-image bound (so their settings count). */
    @BeforeEach
    void project() {
        lenient().when(project.getGroupId()).thenReturn("com.example");
        lenient().when(project.getArtifactId()).thenReturn("orders-service");
        lenient().when(project.getVersion()).thenReturn("1.4.2");
        Build build = new Build();
        build.setDirectory(new File(project.getBasedir(), "target").getPath());
        lenient().when(project.getBuild()).thenReturn(build);
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.imagebaker");
        plugin.setArtifactId("azure-image-maven-plugin");
        PluginExecution execution = new PluginExecution();
        execution.setGoals(List.of("bake", "test-image", "publish"));
        plugin.setExecutions(List.of(execution));
        lenient().when(project.getBuildPlugins()).thenReturn(List.of(plugin));
        emulatorTraces().forEach(trace -> trace.toFile().delete());
        session.getUserProperties().setProperty(PropertyNames.EMULATOR, "true");
        session.getUserProperties().setProperty(PropertyNames.EMULATOR_TIME_SCALE, "0");
    }

    private Path base() {
        return project.getBasedir().toPath();
    }

    /** The state files the emulator would write if a goal got as far as starting it. */
    private List<Path> emulatorTraces() {
        return List.of(base().resolve("target/azure-image/emulator-state.json"),
                base().resolve("target/azure-image/emulator.pem"));
    }

    @Test
    void theTableCoversEveryParameter() {
        List<String> covered = BAD.stream().map(Bad::property).toList();
        assertThat(covered).containsAll(PropertyNames.all());
        for (String prefix : List.of(PropertyNames.ENVIRONMENT_PREFIX, PropertyNames.SECRETS_PREFIX,
                PropertyNames.SCRIPTS_PREFIX, PropertyNames.TAGS_PREFIX)) {
            assertThat(covered).as("a per-name property of " + prefix).anyMatch(p -> p.startsWith(prefix));
        }
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void withoutTheBadValuesTheSettingsAreValid(ValidateMojo validate) throws Exception {
        validate.execute();
        assertThat(validate.goalBound("test-image")).as("test-image is bound, so its settings are read").isTrue();
    }

    @Test
    @InjectMojo(goal = "bake", pom = POM)
    void eachBadValueAloneGivesOneMessageNamingItBeforeAnythingIsCreated(BakeMojo bake) {
        SoftAssertions softly = new SoftAssertions();
        for (Bad bad : BAD) {
            if (bad.goal() == Goal.BAKE) {
                softly.assertThat(refusal(bake, bad.settings()))
                        .as(bad.property() + "=" + bad.value()).satisfies(m -> assertOneMessageFor(m, bad));
            }
        }
        softly.assertAll();
    }

    @Test
    @InjectMojo(goal = "bake", pom = POM)
    void allBadValuesTogetherGiveOneMessageEach(BakeMojo bake) {
        Map<String, String> all = new LinkedHashMap<>();
        // Leave out the switches that make the others moot: a skipped goal and an invalid emulator switch.
        List<Bad> together = BAD.stream().filter(b -> b.goal() == Goal.BAKE && !b.property().equals(
                PropertyNames.SKIP) && !b.property().equals(PropertyNames.EMULATOR)).toList();
        together.forEach(b -> all.put(b.property(), b.value()));
        String message = refusal(bake, all);
        assertThat(message).doesNotContain("[the emulator was started")
                .startsWith("Invalid azure-image configuration (" + together.size() + " problems):");
        SoftAssertions softly = new SoftAssertions();
        for (Bad bad : together) {
            softly.assertThat(occurrences(message, "(-D" + bad.property() + ")")).as(bad.property()).isEqualTo(1);
        }
        softly.assertAll();
    }

    @Test
    @InjectMojo(goal = "publish", pom = POM)
    void publishNamesABadManifest(PublishMojo publish) {
        Bad bad = only(Goal.PUBLISH);
        assertOneMessageFor(refusal(publish, bad.settings()), bad);
    }

    @Test
    @InjectMojo(goal = "clean", pom = POM)
    void cleanNamesABadDryRun(CleanMojo clean) {
        Bad bad = only(Goal.CLEAN);
        assertOneMessageFor(refusal(clean, bad.settings()), bad);
    }

    /** The emulator goal's values are typed by Maven (an int port, a file): set as Maven would convert them. */
    @Test
    @InjectMojo(goal = "emulator", pom = POM)
    void theEmulatorGoalNamesABadPortOrCertificate(EmulatorMojo emulator) throws Exception {
        for (Bad bad : BAD.stream().filter(b -> b.goal() == Goal.EMULATOR).toList()) {
            emulator.port = 0;
            emulator.certificate = base().resolve("target/emulator.pem").toFile();
            if (bad.property().equals(PropertyNames.EMULATOR_PORT)) {
                emulator.port = Integer.parseInt(bad.value());
            } else {
                emulator.certificate = base().resolve(bad.value()).toFile();
            }
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(MojoExecutionException.class,
                    emulator::checkSettings);
            assertOneMessageFor(refused.getMessage(), bad);
        }
    }

    private static Bad only(Goal goal) {
        return BAD.stream().filter(b -> b.goal() == goal).findFirst().orElseThrow();
    }

    /** Runs the goal with the values as -D properties; the failure's message, which it must be a build failure. */
    private String refusal(AbstractMojo mojo, Map<String, String> values) {
        values.forEach(session.getUserProperties()::setProperty);
        List<String> traces = new ArrayList<>();
        try {
            mojo.execute();
            throw new AssertionError("accepted " + values);
        } catch (MojoFailureException e) {
            emulatorTraces().stream().filter(Files::exists).forEach(trace -> traces.add(trace.toString()));
            return e.getMessage() + (traces.isEmpty() ? "" : "\n[the emulator was started: " + traces + "]");
        } catch (MojoExecutionException e) {
            throw new AssertionError("a plugin error, not a build failure, for " + values + ": " + e.getMessage(), e);
        } finally {
            values.keySet().forEach(session.getUserProperties()::remove);
            for (Path trace : emulatorTraces()) {
                try {
                    Files.deleteIfExists(trace);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    private static void assertOneMessageFor(String message, Bad bad) {
        assertThat(message).as("one message, not a list").doesNotContain("problems):")
                .contains("<" + bad.pomElement() + "> (-D" + bad.property() + ")")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("[the emulator was started");
        assertThat(occurrences(message, "(-D")).as("it names one property: " + message).isEqualTo(1);
        assertThat(message).as("it says how to fix it").contains("Fix: ");
    }

    private static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

}

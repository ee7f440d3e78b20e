package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertyNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipeline's order, and its cleanup in reverse order after a failure at every step. */
class BakerTest {
    @TempDir
    Path dir;
    final FakeCloud fake = new FakeCloud();
    final RecordingProgress progress = new RecordingProgress();
    BakeConfig config;

    @BeforeEach
    void project() throws Exception {
        TestConfigs.project(dir, "10-packages.sh", "20-app.sh");
        config = TestConfigs.config(dir, TestConfigs.values(), "1.4.2");
    }

    private BakeResult bake() {
        return new Baker(fake.cloud(), progress, Duration.ofSeconds(30)).bake(config);
    }

    @Test
    void runsTheStepsInOrderAndDeletesTheTemporaryGroupLast() {
        BakeResult result = bake();
        List<String> calls = fake.calls;
        assertThat(calls).containsSubsequence(
                "versions server", "facts 24.04.202411030",
                "definition orders-service", "createDefinition orders-service", "version 1.4.2",
                "createGroup azimg-orders-service-" + result.buildId(),
                "createVm azimg-build Canonical:ubuntu-24_04-lts:server:24.04.202411030",
                "runScript 10-packages", "runScript 20-app", "runScript azimg-deprovision", "awaitStopped azimg-build",
                "deallocate azimg-build", "generalize azimg-build", "createVersion 1.4.2",
                "deleteGroup azimg-orders-service-" + result.buildId());
        assertThat(calls.get(calls.size() - 1)).startsWith("deleteGroup ");
        assertThat(fake.callsStartingWith("deleteVersion")).isEmpty();
        assertThat(result.source().resolved()).endsWith(":24.04.202411030");
        assertThat(progress.lines).anyMatch(l -> l.startsWith("[1/9] Resolve source"))
                .anyMatch(l -> l.startsWith("[9/9] Capture image version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"versions", "facts", "definition", "createDefinition", "version ", "createGroup",
        "createVm", "runScript 10-packages", "runScript 20-app", "runScript azimg-deprovision", "awaitStopped",
        "deallocate", "generalize", "createVersion"})
    void aFailureAtAnyStepCleansUpWhatWasCreated(String failingCall) {
        fake.failOn = failingCall;
        assertThatThrownBy(this::bake).isInstanceOf(BakeException.class)
                .hasMessageContaining("Azure error InternalServerError")
                .hasMessageContaining("injected failure of " + failingCall)
                .hasMessageContaining("Fix: A transient Azure failure");
        boolean groupCreated = !fake.callsStartingWith("createGroup").isEmpty();
        boolean captureStarted = !fake.callsStartingWith("createVersion").isEmpty();
        assertThat(fake.callsStartingWith("deleteGroup")).hasSize(groupCreated ? 1 : 0);
        assertThat(fake.callsStartingWith("deleteVersion")).hasSize(captureStarted ? 1 : 0);
        if (captureStarted) {
            assertThat(fake.calls.indexOf("deleteVersion 1.4.2"))
                    .isLessThan(fake.calls.indexOf(fake.callsStartingWith("deleteGroup").get(0)));
        }
    }

    @Test
    void keepOnFailureKeepsTheGroupAndSaysHowToDeleteIt() {
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.KEEP_ON_FAILURE, "true");
        config = TestConfigs.config(dir, values, "1.4.2");
        fake.failOn = "runScript 20-app";
        assertThatThrownBy(this::bake).isInstanceOf(BakeException.class);
        assertThat(fake.callsStartingWith("deleteGroup")).isEmpty();
        assertThat(progress.all()).contains("Kept resource group azimg-orders-service-")
                .contains("az group delete -n azimg-orders-service-");
    }

    @Test
    void aFailedScriptIsNamedWithItsExitCodeAndErrorTail() {
        StringBuilder error = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            error.append("line ").append(i).append('\n');
        }
        fake.scriptResults.put("20-app", new ScriptRun("Failed", 2, "", error.toString()));
        assertThatThrownBy(this::bake).isInstanceOf(BakeException.class)
                .hasMessageContaining("Bake failed at step 'Run script 20-app.sh'")
                .hasMessageContaining("Script 20-app.sh exited with code 2")
                .hasMessageContaining("line 30").hasMessageContaining("line 11").hasMessageNotContaining("line 10\n");
        assertThat(fake.callsStartingWith("runScript azimg-deprovision")).isEmpty();
        assertThat(fake.callsStartingWith("deleteGroup")).hasSize(1);
    }

    @Test
    void aTimedOutScriptSaysWhichLimitToRaise() {
        fake.scriptResults.put("10-packages", new ScriptRun("TimedOut", null, "", ""));
        assertThatThrownBy(this::bake).hasMessageContaining("did not finish within 30m00s")
                .hasMessageContaining("<timeouts><script>");
    }

    @Test
    void anExistingDefinitionThatDoesNotFitIsRefusedBeforeTheTemporaryGroup() {
        fake.existingDefinition = new DefinitionInfo("/d", "westeurope", OsType.LINUX, "Generalized", "V1", "x64");
        assertThatThrownBy(this::bake).isInstanceOf(BakeException.class)
                .hasMessageContaining("has Hyper-V generation V1, but the source")
                .hasMessageContaining("needs V2");
        assertThat(fake.callsStartingWith("createGroup")).isEmpty();
    }

    @Test
    void anExistingVersionIsRefusedBeforeTheTemporaryGroup() {
        fake.existingVersion = new VersionInfo("/v/1.4.2", "1.4.2", "westeurope", "Succeeded", false,
                List.of("westeurope"), Map.of());
        assertThatThrownBy(this::bake).hasMessageContaining("The image version 1.4.2 already exists");
        assertThat(fake.callsStartingWith("createGroup")).isEmpty();
    }

    @Test
    void latestIsTheHighestVersionAsNumbers() {
        assertThat(List.of("9.4.2024072510", "9.10.2025111009", "9.8.2025052112").stream()
                .max(ResolveSourceStep::compareNumerically)).hasValue("9.10.2025111009");
        assertThat(List.of("9.4.2024072510", "9.10.2025111009", "9.8.2025052112").stream()
                .max(String::compareTo)).hasValue("9.8.2025052112");
    }

    @Test
    void theGeneratedSshKeyIsAnOpenSshRsaKeyAndHidesInToString() {
        Secret key = Credentials.sshPublicKey();
        assertThat(key.reveal()).startsWith("ssh-rsa AAAAB3NzaC1yc2E");
        assertThat(key.toString()).isEqualTo("******");
        assertThat(Credentials.windowsPassword().reveal()).hasSize(32).containsPattern("[A-Z]")
                .containsPattern("[a-z]").containsPattern("[0-9]").containsPattern("[^A-Za-z0-9]");
    }
}

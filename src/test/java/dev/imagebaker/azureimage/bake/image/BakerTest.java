package dev.imagebaker.azureimage.bake.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebaker.azureimage.bake.FakeCloud;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.TestConfigs;
import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.ExecutionState;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.ProvisioningState;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.guest.Credentials;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        // The gallery is prepared alongside the build VM, so each chain keeps its own order.
        String checks = "vmSizes westeurope";
        assertThat(calls).containsSubsequence(
                "versions server", "facts 24.04.202411030", "version 1.4.2", "regions", checks);
        assertThat(calls).containsSubsequence(checks,
                "createGroup azimg-orders-service-" + result.buildId(), "createStorage azimg" + result.buildId().replace("-", ""),
                "createVm azimg-build Canonical:ubuntu-24_04-lts:server:24.04.202411030",
                "runScript 10-packages", "runScript 20-app", "startDetached azimg-deprovision", "awaitStopped azimg-build",
                "deallocate azimg-build", "generalize azimg-build", "createVersion 1.4.2",
                "deleteGroup azimg-orders-service-" + result.buildId());
        assertThat(calls).containsSubsequence(checks,
                "createDefinition orders-service {SecurityType=TrustedLaunch}", "createVersion 1.4.2");
        assertThat(calls.get(calls.size() - 1)).startsWith("deleteGroup ");
        assertThat(fake.callsStartingWith("deleteVersion")).isEmpty();
        assertThat(result.source().resolved()).endsWith(":24.04.202411030");
        assertThat(progress.lines).anyMatch(l -> l.startsWith("[1/13] Resolve source"))
                .anyMatch(l -> l.startsWith("[13/13] Capture image version"));
        assertThat(fake.vmRequests.get(0).securityType()).as("Trusted Launch: the source and size support it")
                .isEqualTo(dev.imagebaker.azureimage.config.SecurityType.TRUSTED_LAUNCH);
        assertThat(result.reused()).isFalse();
        assertThat(result.version().excludeFromLatest()).as("a candidate").isTrue();
        assertThat(result.version().tags()).containsKeys("azure-image.fingerprint", "azure-image.inputs.1")
                .containsEntry("azure-image.kind", "release");
    }

    @ParameterizedTest
    @ValueSource(strings = {"versions", "version ", "facts", "definition", "createDefinition", "createGroup",
        "createStorage", "createNetwork", "createVm", "runScript 10-packages", "runScript 20-app", "startDetached azimg-deprovision",
        "awaitStopped",
        "deallocate", "generalize", "createVersion"})
    void aFailureAtAnyStepCleansUpWhatWasCreated(String failingCall) {
        fake.failOn = failingCall;
        assertThatThrownBy(this::bake).isInstanceOf(StepFailedException.class)
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

    /**
     * Two bakes of one release (two pipelines, or a rerun while the first still captures) both passed the check for
     * an existing version: Azure refuses the second PUT of the name with 409, and that bake's cleanup leaves the
     * version the other bake is making.
     */
    @Test
    void aVersionAnotherBakeIsMakingIsLeftToItWhenAzureRefusesThisBakesCapture() {
        GalleryImageVersionId id = new GalleryImageVersionId("s", "images-rg", "corp_images", "orders-service",
                "1.4.2");
        fake.madeMeanwhile = new VersionInfo(id, "westeurope", ProvisioningState.CREATING, true, List.of(),
                java.time.Instant.now(), null, Map.of("azure-image.build-id", "20261126070000-0a1b"));
        assertThatThrownBy(this::bake).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Azure error PropertyChangeNotAllowed: Build 20261126070000-0a1b began image"
                        + " version 1.4.2 after this build looked for it (two bakes of one release at once)")
                .hasMessageContaining("Fix: Wait for build 20261126070000-0a1b to end, then build again");
        assertThat(fake.callsStartingWith("deleteVersion")).isEmpty();
        assertThat(fake.callsStartingWith("deleteGroup")).hasSize(1);
        assertThat(progress.all()).contains("Left image version " + id.path() + " alone: build 20261126070000-0a1b"
                + " made it, not this one.");
    }

    @Test
    void keepOnFailureKeepsTheGroupAndSaysHowToDeleteIt() {
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.KEEP_ON_FAILURE, "true");
        config = TestConfigs.config(dir, values, "1.4.2");
        fake.failOn = "runScript 20-app";
        assertThatThrownBy(this::bake).isInstanceOf(StepFailedException.class);
        assertThat(fake.callsStartingWith("deleteGroup")).isEmpty();
        assertThat(progress.all()).contains("Kept resource group azimg-orders-service-")
                .contains("az group delete -n azimg-orders-service-");
    }

    @Test
    void withoutWaitingForDeletionTheGroupIsOnlyAskedToGoOnSuccessAndOnFailure() {
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.WAIT_FOR_DELETION, "false");
        config = TestConfigs.config(dir, values, "1.4.2");
        BakeResult result = bake();
        assertThat(fake.calls.get(fake.calls.size() - 1))
                .isEqualTo("beginDeleteGroup azimg-orders-service-" + result.buildId());
        assertThat(fake.callsStartingWith("deleteGroup")).isEmpty();
        assertThat(progress.all()).contains("Azure finishes the deletion in the background");

        fake.calls.clear();
        fake.failOn = "runScript 20-app";
        assertThatThrownBy(this::bake).isInstanceOf(StepFailedException.class);
        assertThat(fake.callsStartingWith("beginDeleteGroup")).hasSize(1);
    }

    @Test
    void aFailedScriptIsNamedWithItsExitCodeAndErrorTail() {
        StringBuilder error = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            error.append("line ").append(i).append('\n');
        }
        fake.scriptResults.put("20-app", new ScriptRun(ExecutionState.FAILED, 2, "", error.toString(), "Execution failed"));
        assertThatThrownBy(this::bake).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Failed at step 'Run script 20-app.sh'")
                .hasMessageContaining("Script 20-app.sh exited with code 2")
                .hasMessageContaining("line 30").hasMessageContaining("line 11").hasMessageNotContaining("line 10\n");
        assertThat(fake.callsStartingWith("startDetached azimg-deprovision")).isEmpty();
        assertThat(fake.callsStartingWith("deleteGroup")).hasSize(1);
    }

    @Test
    void aTimedOutScriptSaysWhichLimitToRaise() {
        fake.scriptResults.put("10-packages", new ScriptRun(ExecutionState.FAILED, -1, "", "", "Execution failed: failed to execute command: command terminated with exit status=-1"));
        assertThatThrownBy(this::bake).hasMessageContaining("did not finish within 30m00s")
                .hasMessageContaining("<timeouts><script>");
    }

    @Test
    void anExistingDefinitionThatDoesNotFitIsRefusedBeforeTheTemporaryGroup() {
        fake.existingDefinition = new DefinitionInfo("/d", "westeurope", OsType.LINUX, "Generalized", "V1", "x64");
        assertThatThrownBy(this::bake).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("has Hyper-V generation V1, but the build needs V2 (source Canonical:")
                .hasMessageContaining("Nothing was created");
        assertThat(fake.callsStartingWith("createGroup")).isEmpty();
    }

    @Test
    void anExistingVersionFromOtherInputsIsRefusedBeforeTheTemporaryGroup() {
        fake.existingVersion = version("1.4.2", Map.of());
        assertThatThrownBy(this::bake).hasMessageContaining("The image version 1.4.2 already exists, baked from"
                + " other inputs: the existing version has no azure-image fingerprint");
        assertThat(fake.callsStartingWith("createGroup")).isEmpty();
    }

    @Test
    void aChangedScriptUnderTheSameReleaseIsRefusedNamingTheScript() throws Exception {
        BakeResult first = bake();
        fake.existingVersion = first.version();
        java.nio.file.Files.writeString(dir.resolve("src/main/image/scripts/20-app.sh"), "echo changed\n");
        fake.calls.clear();
        assertThatThrownBy(this::bake).hasMessageContaining("script:20-app.sh changed")
                .hasMessageNotContaining("10-packages.sh changed").hasMessageContaining("Bump the project version");
        assertThat(fake.callsStartingWith("createGroup")).isEmpty();
    }

    /** Azure's names are case-insensitive: the same source written in other case is the same input. */
    @Test
    void theSameSourceInOtherCaseIsReusedAndAChangedOneShowsOldAndNew() {
        BakeResult first = bake();
        fake.existingVersion = first.version();
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.SOURCE, "canonical:UBUNTU-24_04-LTS:Server:latest");
        config = TestConfigs.config(dir, values, "1.4.2");
        assertThat(bake().reused()).isTrue();
        values.put(PropertyNames.SOURCE, "Canonical:ubuntu-24_04-lts:minimal:latest");
        config = TestConfigs.config(dir, values, "1.4.2");
        assertThatThrownBy(this::bake).hasMessageContaining("source changed from"
                + " Canonical:ubuntu-24_04-lts:server:24.04.202411030 to"
                + " Canonical:ubuntu-24_04-lts:minimal:24.04.202411030");
    }

    @Test
    void unchangedInputsReuseTheVersionWithoutAVm() {
        BakeResult first = bake();
        fake.existingVersion = first.version();
        fake.existingDefinition = new DefinitionInfo("/d", "westeurope", OsType.LINUX, "Generalized", "V2", "x64");
        fake.calls.clear();
        BakeResult second = bake();
        assertThat(second.reused()).isTrue();
        assertThat(second.version().id()).isEqualTo(first.version().id());
        assertThat(fake.calls).containsExactly("versions server", "facts 24.04.202411030", "version 1.4.2");
    }

    @Test
    void aSnapshotGetsATimeBasedVersionInTheSnapshotDefinitionAndReusesOnlyTheSameInputs() throws Exception {
        config = TestConfigs.config(dir, TestConfigs.values(), "1.5.0-SNAPSHOT");
        BakeResult first = bake();
        assertThat(first.version().id().value()).contains("/images/orders-service-snapshot/versions/1.5.");
        assertThat(first.version().version().patch()).isGreaterThan(200_000_000);
        assertThat(first.version().tags()).containsEntry("maven.version", "1.5.0-SNAPSHOT")
                .containsEntry("azure-image.kind", "snapshot");
        assertThat(fake.calls).anyMatch(c -> c.startsWith("createDefinition orders-service-snapshot "));
        fake.existingVersions.add(first.version());
        fake.existingDefinition = new DefinitionInfo("/d", "westeurope", OsType.LINUX, "Generalized", "V2", "x64");
        fake.calls.clear();
        assertThat(bake().reused()).isTrue();
        java.nio.file.Files.writeString(dir.resolve("src/main/image/scripts/10-packages.sh"), "echo changed\n");
        fake.calls.clear();
        BakeResult changed = bake();
        assertThat(changed.reused()).isFalse();
        assertThat(fake.callsStartingWith("createVersion")).hasSize(1);
    }

    private static VersionInfo version(String name, Map<String, String> tags) {
        return new VersionInfo(GalleryImageVersionId.parse(FakeCloud.DEFINITIONS + "orders-service/versions/" + name),
                "westeurope", ProvisioningState.SUCCEEDED, false, List.of(), java.time.Instant.now(), null, tags);
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

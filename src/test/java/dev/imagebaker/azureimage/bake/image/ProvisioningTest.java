package dev.imagebaker.azureimage.bake.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebaker.azureimage.bake.FakeCloud;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.TestConfigs;
import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.ExecutionState;
import dev.imagebaker.azureimage.bake.cloud.RunCommandRequest;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.ConfigFixtures;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, parameters, secrets and script options through the pipeline, with a fake cloud. */
class ProvisioningTest {
    @TempDir
    Path dir;
    final FakeCloud fake = new FakeCloud();
    final RecordingProgress progress = new RecordingProgress();
    Map<String, String> values;
    Map<String, Secret> secrets = Map.of("DB_PASSWORD", new Secret("pa55-w0rd-never-logged"));

    @BeforeEach
    void project() throws Exception {
        TestConfigs.project(dir, "10-packages.sh", "20-app.sh");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/app.jar"), "not really a jar");
        Files.createDirectories(dir.resolve("conf/sub"));
        Files.writeString(dir.resolve("conf/app.properties"), "a=b\n");
        Files.writeString(dir.resolve("conf/sub/log.xml"), "<log/>\n");
        values = TestConfigs.values();
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app/app.jar;owner=app:app;mode=0640,conf=>/etc/orders");
        values.put(PropertyNames.ENVIRONMENT_PREFIX + "APP_HOME", "/opt/app");
    }

    private BakeConfig config() {
        return BakeConfigReader.read(values, TestConfigs.info(dir, "1.4.2"), new ReadOptions(false, ConfigFixtures.secrets(values, secrets), false));
    }

    private BakeResult bake() {
        return new Baker(fake.cloud(), progress, Duration.ofSeconds(30)).bake(config());
    }

    /** Each prefix matches a call, in this order. */
    private void assertInOrder(String... prefixes) {
        int at = -1;
        for (String prefix : prefixes) {
            int found = -1;
            for (int i = at + 1; i < fake.calls.size(); i++) {
                if (fake.calls.get(i).startsWith(prefix)) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("a call starting with '" + prefix + "' after call " + at + " in " + fake.calls)
                    .isGreaterThan(at);
            at = found;
        }
    }

    @Test
    void filesAreStagedBeforeTheVmAndInstalledAfterItWithTheSasAsAProtectedParameter() {
        bake();
        assertInOrder("createGroup", "createStorage azimg", "upload file-1", "upload file-2.tar.gz", "createVm",
                "readUrl file-1", "readUrl file-2.tar.gz", "runScript azimg-install-files", "runScript 10-packages");
        assertThat(fake.calls.stream().filter(c -> c.startsWith("createStorage")).findFirst().orElseThrow())
                .matches("createStorage azimg\\d{14}[0-9a-f]{4}");
        RunCommandRequest install = fake.requests.get("azimg-install-files");
        assertThat(install.parameters()).containsEntry("FILE_COUNT", "2")
                .containsEntry("FILE_1_DESTINATION", "/opt/app/app.jar").containsEntry("FILE_1_OWNER", "app:app")
                .containsEntry("FILE_1_MODE", "0640").containsEntry("FILE_1_ARCHIVE", "false")
                .containsEntry("FILE_2_DESTINATION", "/etc/orders").containsEntry("FILE_2_ARCHIVE", "true")
                .containsKey("FILE_1_SHA256");
        // The Linux handler sets no variable for an empty parameter: a file without owner or mode sends none.
        assertThat(install.parameters()).doesNotContainKeys("FILE_2_OWNER", "FILE_2_MODE");
        assertThat(install.logs()).as("the whole output goes to append blobs").isNotNull();
        assertThat(install.parameters().values()).noneMatch(v -> v.contains("SECRET-SAS"));
        assertThat(install.protectedParameters()).containsOnlyKeys("FILE_1_URL", "FILE_2_URL");
        assertThat(fake.scripts.get("azimg-install-files")).contains("sha256sum -c");
        assertThat(progress.all()).contains("uploaded target/app.jar").contains("uploaded conf (directory, archived)")
                .doesNotContain("SECRET-SAS");
    }

    /** With a base layer, the OS disk is snapshot after it and the project's files go in after the snapshot. */
    @Test
    void filesGoInAfterTheLastLayerAndItsSnapshot() {
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh");
        bake();
        assertInOrder("createVm", "runScript 10-packages", "snapshotOsDisk azimg-build azimg-build-layer-base",
                "runScript azimg-install-files", "runScript 20-app");
        assertThat(fake.calls).as("the layer's version, named from the bake's start").anyMatch(c -> c.matches(
                "createVersion \\d{8}\\.\\d{1,9}\\.0"));
    }

    @Test
    void scriptsGetTheEnvironmentInTheirWrapperAndSecretsAsProtectedParameters() {
        bake();
        RunCommandRequest request = fake.requests.get("20-app");
        assertThat(request.parameters()).isEmpty();
        assertThat(request.text()).contains("export APP_HOME='/opt/app'")
                .doesNotContain("pa55-w0rd-never-logged");
        assertThat(request.protectedParameters()).containsOnlyKeys("DB_PASSWORD");
        assertThat(progress.all()).doesNotContain("pa55-w0rd-never-logged");
    }

    @Test
    void theFingerprintCoversFilesAndEnvironmentButNoSecret() throws Exception {
        BakeResult first = bake();
        assertThat(first.version().tags().toString()).contains("file:/opt/app/app.jar").contains("env:APP_HOME")
                .doesNotContain("DB_PASSWORD");
        fake.existingVersion = first.version();
        secrets = Map.of("DB_PASSWORD", new Secret("rotated"));
        fake.existingDefinition = new DefinitionInfo("/d", "westeurope",
                dev.imagebaker.azureimage.config.OsType.LINUX, "Generalized", "V2", "x64");
        assertThat(bake().reused()).as("a rotated secret does not rebake").isTrue();
        Files.writeString(dir.resolve("conf/sub/log.xml"), "<log level=\"debug\"/>\n");
        assertThatThrownBy(this::bake).hasMessageContaining("file:/etc/orders changed")
                .hasMessageNotContaining("file:/opt/app/app.jar changed");
    }

    @Test
    void acceptedExitCodesPassAndOthersFail() {
        values.put(PropertyNames.SCRIPTS_PREFIX + "20-app.sh.exitCodes", "0,3010");
        fake.scriptResults.put("20-app", new ScriptRun(ExecutionState.FAILED, 3010, "", "reboot required", "Execution failed"));
        bake();
        assertThat(progress.all()).contains("exit code 3010 accepted");
        fake.scriptResults.put("20-app", new ScriptRun(ExecutionState.FAILED, 1, "", "boom", "Execution failed"));
        assertThatThrownBy(this::bake).hasMessageContaining("exited with code 1")
                .hasMessageContaining("accepted exit codes: [0, 3010]");
    }

    @Test
    void restartAfterRestartsTheVmBeforeTheNextScript() {
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.restartAfter", "true");
        bake();
        assertInOrder("runScript 10-packages", "restart azimg-build", "runScript 20-app");
    }

    @Test
    void aCorruptDownloadSaysSo() {
        fake.scriptResults.put("azimg-install-files", new ScriptRun(ExecutionState.FAILED, 3, "", "SHA-256 of the download for"
                + " /opt/app/app.jar does not match: it is corrupt", "Execution failed"));
        assertThatThrownBy(this::bake).hasMessageContaining("Installing the files failed with exit code 3")
                .hasMessageContaining("A download arrived corrupt");
    }

    @Test
    void windowsScriptsGetTheirValuesThroughAWrapperAndSecretsBase64Encoded() throws Exception {
        Files.delete(dir.resolve("src/main/image/scripts/10-packages.sh"));
        Files.delete(dir.resolve("src/main/image/scripts/20-app.sh"));
        Files.writeString(dir.resolve("src/main/image/scripts/10-iis.ps1"), "Install-WindowsFeature Web-Server\n");
        Files.writeString(dir.resolve("src/main/image/scripts/20-own.ps1"), "param([string]$APP_HOME)\n$APP_HOME\n");
        values.put(PropertyNames.SOURCE, "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest");
        values.put(PropertyNames.FILES, "target/app.jar=>C:\\app\\app.jar");
        fake.factsOs = dev.imagebaker.azureimage.config.OsType.WINDOWS;
        bake();
        assertThat(fake.scripts.get("10-iis")).contains("param([string]$DB_PASSWORD = '')")
                .contains("$azimgValues['APP_HOME'] = '/opt/app'").contains("Install-WindowsFeature Web-Server");
        assertThat(fake.requests.get("10-iis").protectedParameters().get("DB_PASSWORD").reveal())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString("pa55-w0rd-never-logged".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(fake.scripts.get("20-own")).contains("$azimgScript.Ast.ParamBlock");
        RunCommandRequest install = fake.requests.get("azimg-install-files");
        assertThat(install.text()).contains("Get-FileHash -Algorithm SHA256").contains("param([string]$FILE_1_URL");
        assertThat(install.protectedParameters().get("FILE_1_URL").reveal()).doesNotContain("&", "?");
        assertThat(fake.scripts.get("azimg-sysprep")).contains("Sysprep.exe\" /generalize /oobe /quiet /quit /mode:vm")
                .contains("IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE").contains("Remove-Item -Recurse -Force");
        assertInOrder("runScript azimg-sysprep", "powerOff azimg-build", "deallocate", "generalize");
    }
}

package dev.imagebaker.azureimage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, environment, secrets, per-script options and inline scripts: each rule and its message. */
class ProvisioningConfigTest {
    @TempDir
    Path dir;
    Map<String, String> values;
    Map<String, Secret> secrets = new HashMap<>();
    boolean validationOnly;

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(dir.resolve("src/main/image/scripts"));
        Files.writeString(dir.resolve("src/main/image/scripts/10-packages.sh"), "echo packages\n");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/app.jar"), "jar");
        Files.createDirectories(dir.resolve("src/main/image/files/conf"));
        Files.writeString(dir.resolve("src/main/image/files/conf/app.properties"), "a=b\n");
        values = ConfigFixtures.validValues();
        values.put(PropertyNames.EMULATOR, "true");
    }

    private BakeConfig read() {
        return BakeConfigReader.read(values, new ProjectInfo("g", "orders-service", "1.0.0", dir, dir.resolve("target"),
                null), new ReadOptions(false, ConfigFixtures.secrets(values, secrets), validationOnly));
    }

    private void assertProblem(String property, String... fragments) {
        ConfigFixtures.assertProblem(this::read, property, fragments);
    }

    @Test
    void filesAreReadWithOwnerAndMode() {
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app/app.jar;owner=app:app;mode=0640,"
                + "src/main/image/files/conf=>/etc/orders");
        BakeConfig config = read();
        assertThat(config.files()).containsExactly(
                new FileCopy(dir.resolve("target/app.jar"), "/opt/app/app.jar", "app:app", "0640"),
                new FileCopy(dir.resolve("src/main/image/files/conf"), "/etc/orders", null, null));
        assertThat(config.files().get(1).directory()).isTrue();
    }

    @Test
    void aMissingFileIsRefusedButValidateAcceptsBuildOutputsNotYetBuilt() {
        values.put(PropertyNames.FILES, "target/orders-1.0.0.jar=>/opt/app/app.jar");
        assertProblem(PropertyNames.FILES, "target/orders-1.0.0.jar does not exist", "bound to package");
        validationOnly = true;
        assertThat(read().files()).hasSize(1);
        values.put(PropertyNames.FILES, "src/missing.txt=>/opt/missing.txt");
        assertProblem(PropertyNames.FILES, "src/missing.txt does not exist");
    }

    @Test
    void destinationsAreAbsolutePathsOfTheGuestOsAndUnique() {
        values.put(PropertyNames.FILES, "target/app.jar=>opt/app.jar");
        assertProblem(PropertyNames.FILES, "'opt/app.jar' is not an absolute Linux path");
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/../etc/passwd");
        assertProblem(PropertyNames.FILES, "is not an absolute Linux path");
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/a.jar,target/app.jar=>/opt/a.jar");
        assertProblem(PropertyNames.FILES, "/opt/a.jar is used twice");
        values.put(PropertyNames.FILES, "target/app.jar");
        assertProblem(PropertyNames.FILES, "has no destination");
    }

    @Test
    void ownerAndModeAreChecked() {
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app.jar;owner=App User");
        assertProblem(PropertyNames.FILES, "is not user or user:group");
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app.jar;mode=rw-r--r--");
        assertProblem(PropertyNames.FILES, "is not octal");
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app.jar;color=blue");
        assertProblem(PropertyNames.FILES, "'color=blue' is not a file option");
    }

    @Test
    void windowsFilesHaveWindowsPathsAndNoOwnerOrMode() throws IOException {
        values.put(PropertyNames.SOURCE, "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest");
        Files.delete(dir.resolve("src/main/image/scripts/10-packages.sh"));
        Files.writeString(dir.resolve("src/main/image/scripts/10-iis.ps1"), "Write-Output iis\r\n");
        values.put(PropertyNames.FILES, "target/app.jar=>C:\\app\\app.jar");
        assertThat(read().files().get(0).destination()).isEqualTo("C:\\app\\app.jar");
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app.jar");
        assertProblem(PropertyNames.FILES, "is not an absolute Windows path");
        values.put(PropertyNames.FILES, "target/app.jar=>C:\\app\\app.jar;mode=0644");
        assertProblem(PropertyNames.FILES, "owner and mode apply to Linux images only");
    }

    @Test
    void environmentNamesAreVariableNames() {
        values.put(PropertyNames.ENVIRONMENT_PREFIX + "APP_HOME", "/opt/app");
        values.put(PropertyNames.ENVIRONMENT_PREFIX + "JAVA_OPTS", "-Xmx1g");
        assertThat(read().environment()).containsExactly(Map.entry("APP_HOME", "/opt/app"),
                Map.entry("JAVA_OPTS", "-Xmx1g"));
        values.put(PropertyNames.ENVIRONMENT_PREFIX + "APP-HOME", "x");
        assertProblem(PropertyNames.ENVIRONMENT_PREFIX + "APP-HOME", "'APP-HOME' is not a variable name");
    }

    @Test
    void secretsDoNotShadowEnvironmentValues() {
        secrets.put("DB_PASSWORD", new Secret("s3cr3t"));
        assertThat(read().secrets()).containsOnlyKeys("DB_PASSWORD");
        values.put(PropertyNames.ENVIRONMENT_PREFIX + "DB_PASSWORD", "plain");
        assertProblem(PropertyNames.SECRETS_PREFIX + "DB_PASSWORD", "both a secret and an <environment> value");
    }

    @Test
    void scriptOptionsApplyToTheirScript() {
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.timeout", "PT45M");
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.exitCodes", "0,100");
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.runAs", "app");
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.restartAfter", "true");
        ScriptSpec script = read().scripts().get(0);
        assertThat(script.timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(script.exitCodes()).containsExactly(0, 100);
        assertThat(script.runAs()).isEqualTo("app");
        assertThat(script.restartAfter()).isTrue();
        assertThat(script.runName()).isEqualTo("10-packages");
    }

    @Test
    void badScriptOptionsAreNamed() {
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.exitCodes", "0,ok");
        assertProblem(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.exitCodes", "'ok' is not an exit code");
        values.remove(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.exitCodes");
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.runAs", "Root User");
        assertProblem(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.runAs", "is not a Linux user name");
        values.remove(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.runAs");
        values.put(PropertyNames.SCRIPTS_PREFIX + "99-missing.sh.timeout", "PT1M");
        assertProblem(PropertyNames.SCRIPTS_PREFIX + "99-missing.sh.timeout", "There is no script named 99-missing.sh");
        values.remove(PropertyNames.SCRIPTS_PREFIX + "99-missing.sh.timeout");
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.color", "blue");
        assertProblem(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.color", "'color' is not a script option");
    }

    @Test
    void inlineScriptsSortWithTheFolderScriptsAndAreChecked() {
        values.put(PropertyNames.SCRIPTS_PREFIX + "05-motd.inline", "echo baked > /etc/motd\n");
        values.put(PropertyNames.SCRIPTS_PREFIX + "50-cleanup.sh.inline", "apt-get clean\n");
        assertThat(read().scripts()).extracting(ScriptSpec::name)
                .containsExactly("05-motd.sh", "10-packages.sh", "50-cleanup.sh");
        values.put(PropertyNames.SCRIPTS_PREFIX + "50-cleanup.sh.inline", "apt-get clean\r\n");
        assertProblem(PropertyNames.SCRIPTS_PREFIX + "50-cleanup.sh.inline", "CRLF");
        values.put(PropertyNames.SCRIPTS_PREFIX + "50-cleanup.sh.inline", "apt-get clean\n");
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.inline", "echo twice\n");
        assertProblem(PropertyNames.SCRIPTS_PREFIX + "10-packages.sh.inline", "has the name of a script file");
    }

    @Test
    void aCrlfScriptFileIsRefusedNamingTheFolder() throws IOException {
        Files.write(dir.resolve("src/main/image/scripts/20-dos.sh"), "echo a\r\necho b\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertProblem(PropertyNames.SCRIPTS_DIRECTORY, "20-dos.sh has Windows (CRLF) line endings from line 1");
    }

    @Test
    void windowsRunAsIsRefused() throws IOException {
        values.put(PropertyNames.SOURCE, "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest");
        Files.delete(dir.resolve("src/main/image/scripts/10-packages.sh"));
        Files.writeString(dir.resolve("src/main/image/scripts/10-iis.ps1"), "Write-Output iis\n");
        values.put(PropertyNames.SCRIPTS_PREFIX + "10-iis.ps1.runAs", "app");
        assertProblem(PropertyNames.SCRIPTS_PREFIX + "10-iis.ps1.runAs", "needs a password on Windows");
    }

    @Test
    void xmlPathsOfPerNameProperties() {
        assertThat(PropertyNames.conventionalPomPath("azure-image.environment.APP_HOME")).isEqualTo("environment/APP_HOME");
        assertThat(PropertyNames.conventionalPomPath("azure-image.secrets.TOKEN")).isEqualTo("secrets/secret[name=TOKEN]");
        assertThat(PropertyNames.conventionalPomPath("azure-image.scripts.10-a.sh.timeout"))
                .isEqualTo("scripts/script[name=10-a.sh]/timeout");
    }
}

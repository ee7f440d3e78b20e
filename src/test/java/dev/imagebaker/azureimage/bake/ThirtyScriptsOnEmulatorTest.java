package dev.imagebaker.azureimage.bake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.ConfigFixtures;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.Secret;
import dev.imagebaker.azureimage.config.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bake as real projects have them, against the emulator's model of Azure's run-command handlers: 30 scripts, a
 * file shipped without owner or mode, a runAs script that reads an environment value and a secret under
 * {@code set -u} (the Linux handler sets no empty parameter, and sudo resets the environment: both fail such a
 * script on Azure unless the wrapper exports and preserves them), a script printing 10 KB (Azure keeps the last
 * 4 KB in the instance view; the rest must come from the output blob), and a script longer than a synchronous run
 * command's 90 minutes (learn.microsoft.com/azure/virtual-machines/linux/run-command-managed: long-running scripts
 * need asyncExecution).
 */
class ThirtyScriptsOnEmulatorTest extends OnEmulator {
    private static final String SECRET = "s3cr3t-Value!42";
    private static final int BIG_LINES = 200;

    @Test
    void thirtyScriptsWithRunAsSecretsBigOutputAndALongScriptBake() throws Exception {
        start(0.0005);
        Path scripts = Files.createDirectories(dir.resolve("src/main/image/scripts"));
        for (int i = 1; i <= 26; i++) {
            Files.writeString(scripts.resolve(String.format("%02d-step.sh", i)),
                    "#!/bin/bash\nset -euo pipefail\necho \"step " + i + " done\"\n");
        }
        StringBuilder big = new StringBuilder("#!/bin/bash\nset -euo pipefail\n");
        for (int i = 1; i <= BIG_LINES; i++) {
            big.append(String.format("echo \"big output line %03d %s\"%n", i, "x".repeat(30)));
        }
        Files.writeString(scripts.resolve("27-big.sh"), big.toString());
        Files.writeString(scripts.resolve("28-runas.sh"), "#!/bin/bash\nset -euo pipefail\n"
                + "echo \"home=$APP_HOME optional=[$OPTIONAL]\"\n: \"$DB_PASSWORD\"\necho 'secret present'\n");
        Files.writeString(scripts.resolve("29-long.sh"), "#!/bin/bash\nset -euo pipefail\nsleep 6000\n"
                + "echo 'long script done'\n");
        Files.writeString(scripts.resolve("30-last.sh"), "#!/bin/bash\necho 'last script done'\n");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/app.jar"), "jar");

        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app/app.jar");
        values.put(PropertyNames.ENVIRONMENT_PREFIX + "APP_HOME", "/opt/orders");
        values.put(PropertyNames.ENVIRONMENT_PREFIX + "OPTIONAL", "");
        values.put(PropertyNames.SCRIPTS_PREFIX + "28-runas.sh.runAs", "app");
        values.put(PropertyNames.SCRIPTS_PREFIX + "29-long.sh.timeout", "2h");
        SecretResolver secrets = ConfigFixtures.secrets(values, Map.of("DB_PASSWORD", new Secret(SECRET)));
        BakeConfig config = BakeConfigReader.read(values, TestConfigs.info(dir, "3.0.0"),
                new ReadOptions(false, secrets, false));
        assertThat(config.scripts()).hasSize(30);

        BakeResult result = bake(config);

        assertThat(result.version().succeeded()).isTrue();
        String log = progress.all();
        for (int i = 1; i <= 26; i++) {
            assertThat(log).contains("step " + i + " done");
        }
        List<String> bigLines = new ArrayList<>();
        for (String line : log.split("\\R")) {
            if (line.contains("big output line")) {
                bigLines.add(line.replaceAll(".*(big output line \\d+).*", "$1"));
            }
        }
        assertThat(bigLines).as("the whole 10 KB, in order, not only Azure's 4 KB tail").hasSize(BIG_LINES)
                .startsWith("big output line 001").endsWith("big output line 200");
        assertThat(log).contains("home=/opt/orders optional=[]").contains("secret present")
                .contains("long script done").contains("last script done");
        assertThat(log).doesNotContain(SECRET);
        assertThat(emulator.inventoryJson()).doesNotContain(SECRET);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(emulator.inventoryJson())
                .path("resources").findValuesAsText("id")).noneMatch(id -> id.contains("/resourceGroups/azimg-"));
    }
}

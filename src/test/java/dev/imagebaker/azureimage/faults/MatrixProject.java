package dev.imagebaker.azureimage.faults;

import dev.imagebaker.azureimage.bake.TestConfigs;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The bake the fault matrix runs: two scripts, a file to ship, and a publish goal bound (a candidate only). */
final class MatrixProject {
    private MatrixProject() {
    }

    static BakeConfig config(Path dir) throws Exception {
        TestConfigs.project(dir, "10-packages.sh", "20-app.sh");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/app.jar"), "jar");
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.FILES, "target/app.jar=>/opt/app/app.jar");
        values.put(PropertyNames.TIMEOUT_SCRIPT, "20s");
        return BakeConfigReader.read(values, TestConfigs.info(dir, "1.4.2"), new ReadOptions(true, SecretResolver.environmentOnly(name -> null), false));
    }
}

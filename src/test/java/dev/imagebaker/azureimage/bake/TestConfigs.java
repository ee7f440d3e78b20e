package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.ConfigFixtures;
import dev.imagebaker.azureimage.config.ProjectInfo;
import dev.imagebaker.azureimage.config.PropertyNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A valid bake configuration in a temporary project, with overrides. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static Map<String, String> values() {
        Map<String, String> v = ConfigFixtures.validValues();
        v.put(PropertyNames.EMULATOR, "true");
        return v;
    }

    public static Path project(Path dir, String... scripts) throws IOException {
        Path scriptsDir = Files.createDirectories(dir.resolve("src/main/image/scripts"));
        for (String script : scripts) {
            Files.writeString(scriptsDir.resolve(script), "#!/bin/sh\necho " + script + "\n");
        }
        return dir;
    }

    public static ProjectInfo info(Path dir, String version) {
        return new ProjectInfo("com.example", "orders-service", version, dir, dir.resolve("target"), "abc123");
    }

    public static BakeConfig config(Path dir, Map<String, String> values, String version) {
        return BakeConfigReader.read(values, info(dir, version));
    }
}

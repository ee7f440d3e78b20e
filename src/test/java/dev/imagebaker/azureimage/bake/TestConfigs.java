package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.ProjectInfo;
import dev.imagebaker.azureimage.config.PropertyNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A valid bake configuration in a temporary project, with overrides. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        v.put(PropertyNames.LOCATION, "westeurope");
        v.put(PropertyNames.SOURCE, "Canonical:ubuntu-24_04-lts:server:latest");
        v.put(PropertyNames.GALLERY_RESOURCE_GROUP, "images-rg");
        v.put(PropertyNames.GALLERY_NAME, "corp_images");
        v.put(PropertyNames.GALLERY_IMAGE_DEFINITION, "orders-service");
        v.put(PropertyNames.GALLERY_PUBLISHER, "contoso");
        v.put(PropertyNames.GALLERY_OFFER, "orders");
        v.put(PropertyNames.GALLERY_SKU, "ubuntu2404");
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

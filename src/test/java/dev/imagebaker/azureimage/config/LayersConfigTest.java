package dev.imagebaker.azureimage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <layers>}, {@code <layerCache>} and {@code <layerMaxAge>}: what is read, and every offline refusal. */
class LayersConfigTest {
    @TempDir
    Path dir;
    Map<String, String> values;

    @BeforeEach
    void project() throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("src/main/image/scripts"));
        Files.writeString(scripts.resolve("10-packages.sh"), "echo packages\n");
        Files.writeString(scripts.resolve("20-jdk.sh"), "echo jdk\n");
        Files.writeString(scripts.resolve("30-app.sh"), "echo app\n");
        values = ConfigFixtures.validValues();
        values.put(PropertyNames.SUBSCRIPTION_ID, "8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b");
    }

    private BakeConfig read() {
        return BakeConfigReader.read(values, new ProjectInfo("g", "orders-service", "1.4.2", dir,
                dir.resolve("target"), null));
    }

    @Test
    void noLayersByDefault() {
        Layers layers = read().layers();
        assertThat(layers.cached()).isEmpty();
        assertThat(layers.active()).isFalse();
        assertThat(layers.maxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void layersAreOrderedByTheirScriptsAndTakeNamesWithoutExtension() {
        values.put(PropertyNames.LAYERS_PREFIX + "tools", "20-jdk");
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh");
        values.put(PropertyNames.LAYER_MAX_AGE, "3d");
        Layers layers = read().layers();
        assertThat(layers.cached()).containsExactly(new Layers.Layer("base", java.util.List.of("10-packages.sh")),
                new Layers.Layer("tools", java.util.List.of("20-jdk.sh")));
        assertThat(layers.active()).isTrue();
        assertThat(layers.layerOf("20-jdk.sh")).isEqualTo(1);
        assertThat(layers.layerOf("30-app.sh")).isEqualTo(-1);
        assertThat(layers.maxAge()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void layerCacheFalseKeepsTheLayersButUsesNone() {
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh,20-jdk.sh");
        values.put(PropertyNames.LAYER_CACHE, "false");
        Layers layers = read().layers();
        assertThat(layers.cached()).hasSize(1);
        assertThat(layers.active()).isFalse();
    }

    @Test
    void anUnknownScriptIsRefusedWithTheNearestName() {
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packges.sh");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYERS_PREFIX + "base",
                "names 10-packges.sh, which is not one of the scripts", "Did you mean 10-packages.sh?");
    }

    @Test
    void aLayerMustHoldTheFirstScripts() {
        values.put(PropertyNames.LAYERS_PREFIX + "base", "20-jdk.sh");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYERS_PREFIX + "base",
                "Layer base holds 20-jdk.sh, but 10-packages.sh runs before it and is in no layer");
    }

    @Test
    void layersMustNotInterleave() {
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh,30-app.sh");
        values.put(PropertyNames.LAYERS_PREFIX + "tools", "20-jdk.sh");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYERS_PREFIX + "base",
                "Layer base holds 30-app.sh, but 20-jdk.sh runs before it and is in another layer");
    }

    @Test
    void aScriptInTwoLayersIsRefused() {
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh");
        values.put(PropertyNames.LAYERS_PREFIX + "more", "10-packages.sh,20-jdk.sh");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYERS_PREFIX + "more",
                "Script 10-packages.sh is in layers base and more.");
    }

    @Test
    void badNamesEmptyLayersAndDataDisksAreRefused() {
        values.put(PropertyNames.LAYERS_PREFIX + "base_layer", "10-packages.sh");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYERS_PREFIX + "base_layer",
                "The layer name 'base_layer' is not 1 to 20 letters, digits or '-'.");
        values.remove(PropertyNames.LAYERS_PREFIX + "base_layer");
        values.put(PropertyNames.LAYERS_PREFIX + "base", " ");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYERS_PREFIX + "base", "Layer base names no script.");
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh");
        values.put(PropertyNames.DATA_DISKS, "0:64");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYERS_PREFIX + "base",
                "A cached layer keeps the OS disk only", "Remove <layers> or <dataDisks>.");
    }

    @Test
    void badCacheSettingsAreRefused() {
        values.put(PropertyNames.LAYER_CACHE, "yes");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYER_CACHE, "'yes' is neither true nor false.");
        values.put(PropertyNames.LAYER_CACHE, "true");
        values.put(PropertyNames.LAYER_MAX_AGE, "a week");
        ConfigFixtures.assertProblem(this::read, PropertyNames.LAYER_MAX_AGE, "is not a duration");
    }

    @Test
    void theHiddenDefinitionStaysWithinAzuresLength() {
        GalleryTarget target = new GalleryTarget("rg", "g", "x".repeat(80), "p", "o", "s", "x-snapshot");
        assertThat(target.layerDefinition()).hasSize(80).endsWith("-layers");
        assertThat(read().gallery().layerDefinition()).isEqualTo("orders-service-layers");
    }
}

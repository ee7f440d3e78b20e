package dev.imagebaker.azureimage.bake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.bake.test.ImageTester;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertiesConfiguration;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.VersionKind;
import dev.imagebaker.azureimage.emulator.FaultRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The layer cache against the emulator: the first bake snapshots the build VM's OS disk after the base layer and
 * records it as a version of a hidden Specialized definition; the next bake with the same base starts its build
 * VM from that version (no OS profile: Azure refuses one for a specialized image), skips the base scripts, and
 * still captures a generalized image that VMs can be provisioned from.
 */
class LayerCacheOnEmulatorTest extends OnEmulator {
    private static final String LAYERS = "orders-service-layers";
    private Map<String, String> values;

    @BeforeEach
    void start() throws Exception {
        start(0);
        TestConfigs.project(dir, "10-packages.sh", "20-jdk.sh", "30-app.sh");
        values = TestConfigs.values();
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh,20-jdk.sh");
    }

    private BakeResult bake(String version) {
        return bake(TestConfigs.config(dir, values, version));
    }

    private void change(String script, String text) throws Exception {
        Files.writeString(dir.resolve("src/main/image/scripts").resolve(script), "#!/bin/sh\n" + text + "\n");
    }

    private List<VersionInfo> layerVersions() {
        return session.cloud().galleries().versions("images-rg", "corp_images", LAYERS);
    }

    /** Resources left in temporary groups (a layer's version still names its deleted snapshot as its source). */
    private List<String> temporary() throws Exception {
        List<String> left = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(emulator.inventoryJson()).path("resources")
                .forEach(r -> left.add(r.path("id").asText()));
        return left.stream().filter(id -> id.toLowerCase().contains("/resourcegroups/azimg-")).toList();
    }

    @Test
    void anAppOnlyChangeStartsFromTheCachedBaseLayer() throws Exception {
        BakeResult first = bake("1.0.0");
        assertThat(first.startLayer()).isNull();
        assertThat(progress.all()).contains("Snapshot layer base (OS disk of")
                .contains("Record layer base as images-rg/corp_images/" + LAYERS + "/")
                .contains("created hidden image definition " + LAYERS + " (Specialized)");
        DefinitionInfo hidden = session.cloud().galleries().definition("images-rg", "corp_images", LAYERS)
                .orElseThrow();
        assertThat(hidden.osState()).isEqualToIgnoringCase("Specialized");
        assertThat(layerVersions()).singleElement().satisfies(v -> {
            assertThat(v.excludeFromLatest()).isTrue();
            assertThat(v.regionNames()).containsExactly("westeurope");
            assertThat(v.tags()).containsEntry("azure-image.layer", "base").containsKey("azure-image.fingerprint");
        });
        assertThat(temporary()).as("the snapshot goes with the temporary group").isEmpty();

        change("30-app.sh", "echo app 2");
        int before = progress.lines.size();
        BakeResult second = bake("1.0.1");
        String log = String.join("\n", progress.lines.subList(before, progress.lines.size()));
        assertThat(second.startLayer()).isNotNull();
        assertThat(second.startLayer().name()).isEqualTo("base");
        assertThat(second.startLayer().versionId()).isEqualTo(layerVersions().get(0).id().value());
        assertThat(log).contains("starting from cached layer base")
                .contains("from cached layer base (" + layerVersions().get(0).name() + ")")
                .contains("Run script 10-packages.sh: skipped, in cached layer base")
                .contains("Run script 20-jdk.sh: skipped, in cached layer base")
                .contains("Snapshot layer base (OS disk of azimg-").contains(": skipped, the layer is cached");
        assertThat(log.lines().filter(l -> l.contains("Run script 30-app.sh"))).noneMatch(l -> l.contains("skipped"));
        assertThat(layerVersions()).hasSize(1);
        assertThat(temporary()).isEmpty();

        // A VM from the captured version provisions: the guest started from the layer was deprovisioned as usual.
        Path tests = Files.createDirectories(dir.resolve("src/test/image"));
        Files.writeString(tests.resolve("10-java.sh"), "java -version\n");
        ImageTester.TestResult tested = new ImageTester(session.cloud(), progress, Duration.ofSeconds(30)).test(
                BakeConfigReader.readTest(new PropertiesConfiguration(values), TestConfigs.info(dir, "1.0.1"),
                        ReadOptions.defaults(), OsType.LINUX, null),
                new BakedVersion(second.version().id(), VersionKind.RELEASE, "westeurope"));
        assertThat(tested.vms()).isEqualTo(1);
    }

    @Test
    void aChangedBaseScriptRunsEveryScriptAndKeepsTheTwoNewestLayers() throws Exception {
        bake("1.0.0");
        change("10-packages.sh", "echo packages 2");
        int before = progress.lines.size();
        BakeResult second = bake("1.0.1");
        String log = String.join("\n", progress.lines.subList(before, progress.lines.size()));
        assertThat(second.startLayer()).isNull();
        assertThat(log).contains("no cached layer matches: every script runs (layer base differs from")
                .contains("script:10-packages.sh changed").doesNotContain("skipped, in cached layer");
        assertThat(layerVersions()).hasSize(2);
        change("10-packages.sh", "echo packages 3");
        bake("1.0.2");
        assertThat(layerVersions()).hasSize(2);
        assertThat(progress.all()).contains("deleted cached layer base");
    }

    /**
     * Two bakes stamped with the same instant (two pipelines, or a clock that did not move) pick the same layer
     * version name: Azure refuses the second PUT with 409 PropertyChangeNotAllowed (the source cannot change), and
     * the first bake's layer stays.
     */
    @Test
    void aLayerNameTakenByAnotherBakeIsLeftToIt() throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-26T06:05:04.003Z"), ZoneOffset.UTC);
        BakeResult first = new Baker(session.cloud(), progress, Duration.ofSeconds(30), fixed)
                .bake(TestConfigs.config(dir, values, "1.0.0"));
        assertThat(layerVersions()).singleElement().satisfies(v -> assertThat(v.name()).isEqualTo("20261126.60504003.0"));
        change("10-packages.sh", "echo packages 2");
        BakeResult second = new Baker(session.cloud(), progress, Duration.ofSeconds(30), fixed)
                .bake(TestConfigs.config(dir, values, "1.0.1"));
        assertThat(second.version().succeeded()).isTrue();
        assertThat(progress.all()).contains("Layer base was not cached (PropertyChangeNotAllowed");
        assertThat(second.buildId()).isNotEqualTo(first.buildId());
        assertThat(layerVersions()).singleElement().satisfies(v -> assertThat(v.tags())
                .containsEntry("azure-image.build-id", first.buildId()));
        assertThat(temporary()).isEmpty();
    }

    @Test
    void layerCacheFalseRunsEveryScriptAndRecordsNothing() throws Exception {
        values.put(PropertyNames.LAYER_CACHE, "false");
        bake("1.0.0");
        assertThat(progress.all()).doesNotContain("Snapshot layer").doesNotContain("cached layer");
        assertThat(session.cloud().galleries().definition("images-rg", "corp_images", LAYERS)).isEmpty();
    }

    @Test
    void aLayerThatCannotBeRecordedIsAWarningAndLeavesNothingBehind() throws Exception {
        emulator.faults().add(FaultRule.operationFailed("Microsoft.Compute/galleries/images/versions/write",
                "InternalOperationError", "Replication failed in westeurope.").resource("2*"));
        BakeResult result = bake("1.0.0");
        assertThat(result.version().succeeded()).isTrue();
        assertThat(progress.all()).contains("Layer base was not cached (InternalOperationError")
                .contains("the next one runs its scripts again");
        assertThat(layerVersions()).isEmpty();
        assertThat(temporary()).isEmpty();
    }

    @Test
    void aVmThatCannotStartFromTheLayerSaysHowToBakeWithoutIt() throws Exception {
        bake("1.0.0");
        change("30-app.sh", "echo app 2");
        emulator.faults().add(FaultRule.operationFailed("Microsoft.Compute/virtualMachines/write",
                "InternalExecutionError", "An internal execution error occurred."));
        String name = layerVersions().get(0).name();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bake("1.0.1"))
                .hasMessageContaining("InternalExecutionError")
                .hasMessageContaining("az sig image-version delete -g images-rg -r corp_images -i " + LAYERS + " -e "
                        + name)
                .hasMessageContaining("-Dazure-image.layerCache=false");
        assertThat(temporary()).isEmpty();
        assertThat(layerVersions()).hasSize(1);
    }

    /** Windows: the guest started from the layer keeps its computer name and is generalized by sysprep as usual. */
    @Test
    void aWindowsImageStartsFromItsLayerToo() throws Exception {
        Path scripts = dir.resolve("src/main/image/scripts");
        try (var files = Files.list(scripts)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(scripts.resolve("10-iis.ps1"), "Install-WindowsFeature Web-Server\r\n");
        Files.writeString(scripts.resolve("20-app.ps1"), "Write-Output app\r\n");
        values.put(PropertyNames.SOURCE, "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest");
        values.put(PropertyNames.GALLERY_IMAGE_DEFINITION, "iis");
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-iis");
        bake("2.0.0");
        Files.writeString(scripts.resolve("20-app.ps1"), "Write-Output app2\r\n");
        BakeResult second = bake("2.0.1");
        assertThat(second.startLayer()).isNotNull();
        assertThat(second.facts().osType()).isEqualTo(OsType.WINDOWS);
        assertThat(progress.all()).contains("Run script 10-iis.ps1: skipped, in cached layer base");
        assertThat(session.cloud().galleries().versions("images-rg", "corp_images", "iis-layers")).hasSize(1);
        assertThat(temporary()).isEmpty();
    }
}

package dev.imagebaker.azureimage.bake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.ProvisioningState;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Two bakes of one release at once (two pipelines of one tag): both find no version and build a VM; the first to
 * capture wins, Azure refuses the other's PUT of the name (409), and the loser fails naming the winner's build while
 * leaving its version alone and deleting only its own temporary group.
 */
class RacingBakesOnEmulatorTest extends OnEmulator {

    @Test
    void theLoserOfTwoBakesOfOneReleaseLeavesTheWinnersVersion() throws Exception {
        // Slow enough that both bakes look for the version long before either captures it.
        start(0.01);
        TestConfigs.project(dir, "10-packages.sh");
        BakeConfig config = TestConfigs.config(dir, TestConfigs.values(), "1.4.2");
        CompletableFuture<BakeResult> first = CompletableFuture.supplyAsync(() -> bake(config));
        CompletableFuture<BakeResult> second = CompletableFuture.supplyAsync(() -> bake(config));
        List<BakeResult> won = new ArrayList<>();
        List<StepFailedException> lost = new ArrayList<>();
        for (CompletableFuture<BakeResult> bake : List.of(first, second)) {
            try {
                won.add(bake.join());
            } catch (CompletionException e) {
                lost.add((StepFailedException) e.getCause());
            }
        }
        assertThat(won).hasSize(1);
        assertThat(lost).hasSize(1);
        String winner = won.get(0).buildId();
        assertThat(lost.get(0)).hasMessageContaining("Azure error ")
                .hasMessageContaining("Build " + winner + " began image version 1.4.2 after this build looked for it")
                .hasMessageContaining("Fix: Wait for build " + winner + " to end");

        VersionInfo version = session.cloud().galleries().version(new GalleryImageVersionId(
                ArmEmulator.DEFAULT_SUBSCRIPTION, "images-rg", "corp_images", "orders-service", "1.4.2")).orElseThrow();
        assertThat(version.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(version.tags()).containsEntry("azure-image.build-id", winner);
        List<String> left = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(emulator.inventoryJson()).path("resources")) {
            left.add(r.path("id").asText());
        }
        assertThat(left).noneMatch(id -> id.toLowerCase().contains("/resourcegroups/azimg-"));
        assertThat(progress.all()).contains("Left image version ").contains("made it, not this one.");
    }
}

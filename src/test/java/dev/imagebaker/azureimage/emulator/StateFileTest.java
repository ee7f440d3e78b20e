package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.azure.core.management.Region;
import dev.imagebaker.azureimage.azure.ArmConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file two builds may point at: one emulator owns it at a time (the other waits, then sees what the first
 * made), and a file that cannot be read or written is said at once, with the fix.
 */
class StateFileTest {
    @TempDir
    Path dir;

    private static void createGroup(ArmEmulator emulator, String name) {
        try (ArmConnection.Connected raw = ArmConnection.emulator(emulator.endpoint(), emulator.certificatePem(),
                ArmEmulator.TENANT, ArmEmulator.DEFAULT_SUBSCRIPTION, List.of())) {
            raw.compute().resourceManager().resourceGroups().define(name).withRegion(Region.EUROPE_WEST).create();
        }
    }

    @Test
    void aSecondEmulatorWaitsForTheFirstAndSeesWhatItMade() throws Exception {
        Path state = dir.resolve("state.json");
        List<String> notices = new CopyOnWriteArrayList<>();
        ArmEmulator first = ArmEmulator.builder().stateFile(state).start();
        createGroup(first, "made-by-first");
        CompletableFuture<ArmEmulator> second = CompletableFuture.supplyAsync(() -> {
            try {
                return ArmEmulator.builder().stateFile(state).stateWait(Duration.ofSeconds(30), notices::add).start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (notices.isEmpty()) {
            Thread.sleep(50);
        }
        assertThat(notices).singleElement().asString().contains("Waiting for the emulator state file")
                .contains("in use by another build (pid " + ProcessHandle.current().pid());
        assertThat(second).isNotDone();
        first.close();
        try (ArmEmulator later = second.get(30, TimeUnit.SECONDS)) {
            assertThat(later.inventoryJson()).contains("/resourceGroups/made-by-first");
        }
    }

    @Test
    void aHeldFileIsRefusedNamingItsHolderAfterTheWait() throws Exception {
        Path state = dir.resolve("state.json");
        try (ArmEmulator first = ArmEmulator.builder().stateFile(state).start()) {
            assertThatThrownBy(() -> ArmEmulator.builder().stateFile(state).stateWait(Duration.ofMillis(200),
                    line -> { }).start()).isInstanceOf(StateFileException.class)
                    .hasMessageContaining("is in use by another build (pid ")
                    .satisfies(e -> assertThat(((StateFileException) e).fix()).contains("its own"
                            + " -Dazure-image.emulator.state"));
        }
    }

    @Test
    void aCorruptFileIsNamedWithTheFix() throws Exception {
        Path state = dir.resolve("state.json");
        Files.writeString(state, "{\"resources\": [ truncated");
        assertThatThrownBy(() -> ArmEmulator.builder().stateFile(state).start())
                .isInstanceOf(StateFileException.class).hasMessageContaining("The emulator state file " + state
                        + " cannot be read").satisfies(e -> assertThat(((StateFileException) e).fix())
                        .contains("Delete it").contains("mvn clean"));
        // The failed start released the file.
        try (ArmEmulator ok = ArmEmulator.builder().stateFile(dir.resolve("other.json")).start()) {
            assertThat(ok.port()).isPositive();
        }
    }

    /** Even for root: a folder that is a file cannot hold the state. */
    @Test
    void aStateFileThatCannotBeCreatedIsSaidAtOnce() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Path state = notAFolder.resolve("state.json");
        assertThatThrownBy(() -> ArmEmulator.builder().stateFile(state).start())
                .isInstanceOf(StateFileException.class).hasMessageContaining("The emulator state file " + state
                        + " cannot be used").satisfies(e -> assertThat(((StateFileException) e).fix())
                        .contains("writable"));
    }

    @Test
    void anUnwritableFileIsSaidAtOnce() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anything");
        Path folder = Files.createDirectories(dir.resolve("read-only"));
        Path state = folder.resolve("state.json");
        Files.writeString(state, "{\"resources\":[]}");
        state.toFile().setWritable(false);
        assertThatThrownBy(() -> ArmEmulator.builder().stateFile(state).start())
                .isInstanceOf(StateFileException.class).hasMessageContaining("cannot be written");
    }
}

package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.azure.AzureSession;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the real pipeline and Azure layer against an in-process emulator, fresh for every test. */
public abstract class OnEmulator {
    @TempDir
    protected Path dir;
    protected ArmEmulator emulator;
    protected AzureSession session;
    protected final RecordingProgress progress = new RecordingProgress();

    protected void start(double timeScale) throws Exception {
        emulator = ArmEmulator.builder().timeScale(timeScale).start();
        session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(), ArmEmulator.TENANT,
                ArmEmulator.DEFAULT_SUBSCRIPTION, timeScale);
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    protected BakeResult bake(BakeConfig config) {
        return new Baker(session.cloud(), progress, Duration.ofSeconds(30)).bake(config);
    }
}

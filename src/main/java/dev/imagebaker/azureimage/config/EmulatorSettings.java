package dev.imagebaker.azureimage.config;

import java.nio.file.Path;

/** Whether the bake runs against the embedded emulator, and how the emulator behaves. */
public record EmulatorSettings(boolean enabled, double timeScale, Path stateFile, Path faultsFile) {
    public static EmulatorSettings off() {
        return new EmulatorSettings(false, 0, null, null);
    }
}

package dev.imagebaker.azureimage.bake.run;

import java.time.Duration;

/** Waits between attempts; Azure's waits are shortened by the emulator's time scale. */
public interface Pacer {
    void pause(Duration duration);
}

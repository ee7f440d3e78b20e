package dev.imagebaker.azureimage.emulator;

import java.time.Duration;
import java.time.Instant;

/** Wall time plus the time scale that shrinks Azure's durations. */
final class Clock {
    private final double timeScale;

    Clock(double timeScale) {
        if (timeScale < 0 || Double.isNaN(timeScale)) {
            throw new IllegalArgumentException("timeScale must be 0 or more, was " + timeScale);
        }
        this.timeScale = timeScale;
    }

    Instant now() {
        return Instant.now();
    }

    Instant after(Latency latency) {
        return now().plus(latency.scaled(timeScale));
    }

    Instant after(Latency latency, int times) {
        return now().plus(latency.scaled(timeScale).multipliedBy(times));
    }

    Duration scaled(Latency latency) {
        return latency.scaled(timeScale);
    }

    Duration scaledSeconds(long nominalSeconds) {
        return Duration.ofMillis(Math.round(nominalSeconds * 1000 * timeScale));
    }

    double timeScale() {
        return timeScale;
    }
}

package dev.imagebaker.azureimage.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Wall time plus the time scale that shrinks Azure's durations. The wall time comes from the system clock; tests
 * may hand in their own source so that what a guest does over minutes can be looked at step by step.
 */
final class Clock {
    private final double timeScale;
    private final Supplier<Instant> source;

    Clock(double timeScale) {
        this(timeScale, Instant::now);
    }

    Clock(double timeScale, Supplier<Instant> source) {
        if (timeScale < 0 || Double.isNaN(timeScale)) {
            throw new IllegalArgumentException("timeScale must be 0 or more, was " + timeScale);
        }
        this.timeScale = timeScale;
        this.source = source;
    }

    Instant now() {
        return source.get();
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

    /** The wall time a nominal offset (in seconds, fractions allowed) after start falls on. */
    Instant at(Instant start, double nominalSeconds) {
        return start.plus(Duration.ofMillis(Math.round(nominalSeconds * 1000 * timeScale)));
    }

    double timeScale() {
        return timeScale;
    }
}

package dev.imagebaker.azureimage.bake;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Says "still working" at a fixed interval while a step waits for Azure. */
final class Heartbeat implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "azure-image-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Progress progress;
    private final Duration interval;
    private ScheduledFuture<?> beat;

    Heartbeat(Progress progress, Duration interval) {
        this.progress = progress;
        this.interval = interval;
    }

    synchronized void start(String title) {
        stop();
        Instant started = Instant.now();
        beat = timer.scheduleAtFixedRate(() -> progress.stillWorking(title, Duration.between(started, Instant.now())),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (beat != null) {
            beat.cancel(false);
            beat = null;
        }
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }
}

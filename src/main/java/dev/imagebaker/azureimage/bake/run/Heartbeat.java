package dev.imagebaker.azureimage.bake.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Says "still working" at a fixed interval for each step that waits for Azure; several can run at once. */
final class Heartbeat implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "azure-image-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Progress progress;
    private final Duration interval;

    Heartbeat(Progress progress, Duration interval) {
        this.progress = progress;
        this.interval = interval;
    }

    /** Starts beating for one step; cancel the returned beat when the step ends. */
    ScheduledFuture<?> start(String title) {
        Instant started = Instant.now();
        return timer.scheduleAtFixedRate(() -> progress.stillWorking(title, Duration.between(started, Instant.now())),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

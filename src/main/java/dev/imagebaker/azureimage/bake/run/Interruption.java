package dev.imagebaker.azureimage.bake.run;

import dev.imagebaker.azureimage.config.Durations;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) or a cancelled CI job (SIGTERM) during a bake. The JVM runs shutdown hooks while the bake
 * thread still runs, so the hook does not clean up itself: it interrupts the bake thread, whose own cleanup then
 * runs, and holds the JVM open until that cleanup is done (bounded).
 */
final class Interruption {
    private final Thread bakeThread;
    private final Thread hook;
    private final AtomicBoolean happened = new AtomicBoolean();
    private final AtomicBoolean cleaning = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    Interruption(Thread bakeThread, Progress progress, Duration bound) {
        this.bakeThread = bakeThread;
        this.hook = new Thread(() -> {
            happened.set(true);
            progress.warn("Build interrupted: deleting the temporary resources before exiting (at most "
                    + Durations.format(bound) + "; a kill -9 would leave them for mvn azure-image:clean).");
            if (!cleaning.get()) {
                bakeThread.interrupt();
            }
            try {
                done.await(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "azure-image-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean happened() {
        return happened.get();
    }

    /** The bake's cleanup starts: the hook must not interrupt it any more. */
    void cleaningUp() {
        cleaning.set(true);
        if (bakeThread == Thread.currentThread()) {
            // An interrupt that arrived during the last step would break the cleanup's own Azure calls.
            Thread.interrupted();
        }
    }

    void done() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting; the hook is waiting for this cleanup, which is now done.
        }
    }
}

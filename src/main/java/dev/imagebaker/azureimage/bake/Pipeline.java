package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs numbered steps with one progress line each and a heartbeat while Azure works, turns their errors into
 * messages that name step, resource, Azure code and fix, and always runs the cleanups: in reverse order, on
 * success, on failure and when the build is interrupted (Ctrl-C, SIGTERM). What bake and test-image share.
 */
final class Pipeline {
    private static final int CLEANUP_ATTEMPTS = 4;
    private final Progress progress;
    private final Pacer pacer;
    private final Heartbeat heartbeat;
    private final Interruption interruption;
    private final boolean keepOnFailure;
    private final String keptHint;
    final CleanupStack cleanups = new CleanupStack();
    private final Map<String, Duration> stepTimes = new LinkedHashMap<>();

    /** keptHint: how to delete what keepOnFailure kept, e.g. "az group delete -n x --yes". */
    Pipeline(Progress progress, Pacer pacer, Duration heartbeatInterval, Duration interruptBound,
             boolean keepOnFailure, String keptHint) {
        this.progress = progress;
        this.pacer = pacer;
        this.heartbeat = new Heartbeat(progress, heartbeatInterval);
        this.interruption = new Interruption(Thread.currentThread(), progress, interruptBound);
        this.keepOnFailure = keepOnFailure;
        this.keptHint = keptHint;
    }

    /** Runs one step; its failure becomes a BakeException naming the step and resource. */
    void step(int number, int total, String title, Supplier<String> resource, Runnable action) {
        progress.stepStarted(number, total, title);
        Instant start = Instant.now();
        heartbeat.start(title);
        try {
            action.run();
        } catch (BakeException e) {
            throw e;
        } catch (CloudTimeoutException e) {
            throw new BakeException(title, resource.get(), null, e.getMessage() + ".", Fixes.forCode("Timeout"), e);
        } catch (CloudException e) {
            throw new BakeException(title, resource.get(), e.code(), e.getMessage(), Fixes.forCode(e.code()), e);
        } catch (RuntimeException e) {
            throw new BakeException(title, resource.get(), null, e.toString(), Fixes.forCode(null), e);
        } finally {
            heartbeat.stop();
        }
        Duration elapsed = Duration.between(start, Instant.now());
        stepTimes.put(title, elapsed);
        progress.stepFinished(number, total, title, elapsed);
    }

    Map<String, Duration> stepTimes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(stepTimes));
    }

    /** A failure as it should be reported: an interrupted build says so. */
    BakeException failure(BakeException e) {
        return interruption.happened() ? new BakeException(e.step(), e.resource(), null, "The build was interrupted.",
                null, e) : e;
    }

    /** Runs the cleanups once and ends the pipeline; returns what could not be removed. */
    List<String> finish(boolean succeeded) {
        heartbeat.close();
        interruption.cleaningUp();
        boolean interrupted = interruption.happened();
        List<String> leaks = new ArrayList<>();
        try {
            for (CleanupStack.Entry entry : cleanups.takeAll()) {
                if (succeeded && entry.when() == CleanupStack.When.ON_FAILURE) {
                    continue;
                }
                if (!succeeded && !interrupted && entry.when() == CleanupStack.When.ALWAYS && keepOnFailure) {
                    progress.warn("Kept " + entry.description() + " for inspection (keepOnFailure). Delete it when"
                            + " done: " + keptHint);
                    continue;
                }
                Instant start = Instant.now();
                progress.info("[cleanup] Delete " + entry.description() + (interrupted ? " (build interrupted)" : ""));
                if (cleanUp(entry)) {
                    progress.info("[cleanup] Deleted " + entry.description() + " in "
                            + Durations.format(Duration.between(start, Instant.now())));
                } else {
                    leaks.add(entry.description());
                }
            }
        } finally {
            interruption.done();
        }
        return leaks;
    }

    /** One cleanup, tried again after a pause when Azure refuses: a leak costs more than a wait. */
    private boolean cleanUp(CleanupStack.Entry entry) {
        for (int attempt = 1; ; attempt++) {
            try {
                entry.action().run();
                return true;
            } catch (Exception e) {
                if (attempt == CLEANUP_ATTEMPTS) {
                    progress.warn("[cleanup] Could not delete " + entry.description() + " after " + attempt
                            + " attempts: " + e.getMessage());
                    return false;
                }
                progress.warn("[cleanup] Deleting " + entry.description() + " failed (" + e.getMessage()
                        + "); trying again");
                pacer.pause(Duration.ofSeconds(15L * attempt));
            }
        }
    }
}

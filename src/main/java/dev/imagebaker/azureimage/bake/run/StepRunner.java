package dev.imagebaker.azureimage.bake.run;

import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.CloudTimeoutException;
import dev.imagebaker.azureimage.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the plan of every goal (Packer's multistep runner): numbered steps with one progress line each and a
 * heartbeat while Azure works, steps whose prerequisites are done running at the same time, errors turned into
 * messages that name step, resource, Azure code and fix, and always the cleanups, most recent first: on success,
 * on failure and when the build is interrupted (Ctrl-C, SIGTERM). After the first failure no step starts and the
 * steps still running are interrupted.
 */
public final class StepRunner {
    private static final int CLEANUP_ATTEMPTS = 4;
    private final Progress progress;
    private final Pacer pacer;
    private final Duration heartbeatInterval;
    private final Duration interruptBound;
    private final boolean keepOnFailure;
    private final String keptHint;
    private final CleanupStack cleanups = new CleanupStack();

    /** keptHint: how to delete what keepOnFailure kept, e.g. "az group delete -n x --yes". */
    public StepRunner(Progress progress, Pacer pacer, Duration heartbeatInterval, Duration interruptBound,
                      boolean keepOnFailure, String keptHint) {
        this.progress = progress;
        this.pacer = pacer;
        this.heartbeatInterval = heartbeatInterval;
        this.interruptBound = interruptBound;
        this.keepOnFailure = keepOnFailure;
        this.keptHint = keptHint;
    }

    /** Where steps register what to undo. */
    public CleanupStack cleanups() {
        return cleanups;
    }

    /** Runs the plan, then the cleanups; never throws a step's failure, the outcome carries it. */
    public <C> RunOutcome run(Plan<C> plan, C ctx) {
        Interruption interruption = new Interruption(Thread.currentThread(), progress, interruptBound);
        Execution<C> execution = new Execution<>(plan, ctx);
        StepFailedException failure;
        try (Heartbeat heartbeat = new Heartbeat(progress, heartbeatInterval)) {
            failure = execution.run(heartbeat);
        }
        if (failure != null && interruption.happened()) {
            failure = new StepFailedException(failure.step(), failure.resource(), null, "The build was interrupted.",
                    null, failure);
        }
        List<String> leaks = finish(failure == null, interruption);
        return new RunOutcome(failure, leaks, execution.halted.get(), execution.stepTimes());
    }

    /** One run of a plan: the futures of its steps and what they found. */
    private final class Execution<C> {
        private final Plan<C> plan;
        private final C ctx;
        private final AtomicBoolean halted = new AtomicBoolean();
        private final AtomicReference<StepFailedException> failure = new AtomicReference<>();
        private final Set<Thread> running = ConcurrentHashMap.newKeySet();
        private final Map<String, Duration> times = Collections.synchronizedMap(new LinkedHashMap<>());

        Execution(Plan<C> plan, C ctx) {
            this.plan = plan;
            this.ctx = ctx;
        }

        StepFailedException run(Heartbeat heartbeat) {
            List<Plan.Node<C>> nodes = plan.nodes();
            ExecutorService workers = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "azure-image-step");
                t.setDaemon(true);
                return t;
            });
            Map<Plan.Node<C>, CompletableFuture<Void>> futures = new HashMap<>();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (Plan.Node<C> node : nodes) {
                CompletableFuture<?>[] prerequisites = node.after().stream().map(futures::get)
                        .toArray(CompletableFuture[]::new);
                // A prerequisite's failure is recorded once, by that step; here it only means "do not start".
                CompletableFuture<Void> future = CompletableFuture.allOf(prerequisites)
                        .handleAsync((ok, error) -> {
                            if (error == null) {
                                execute(node, nodes.size(), heartbeat);
                            }
                            return null;
                        }, workers);
                futures.put(node, future);
                all.add(future);
            }
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            } catch (InterruptedException e) {
                record(new StepFailedException("interrupted", null, null, "The build was interrupted.", null, e));
                interruptRunning();
                awaitQuietly(all);
            } catch (ExecutionException e) {
                // execute() records every failure itself.
            } finally {
                workers.shutdownNow();
            }
            return failure.get();
        }

        private void execute(Plan.Node<C> node, int total, Heartbeat heartbeat) {
            if (halted.get() || failure.get() != null) {
                return;
            }
            running.add(Thread.currentThread());
            String title = node.step().title(ctx);
            progress.stepStarted(node.number(), total, title);
            Instant start = Instant.now();
            ScheduledFuture<?> beat = heartbeat.start(title);
            try {
                if (node.step().run(ctx) == StepResult.HALT) {
                    halted.set(true);
                }
                Duration elapsed = Duration.between(start, Instant.now());
                times.put(title, elapsed);
                progress.stepFinished(node.number(), total, title, elapsed);
            } catch (RuntimeException e) {
                if (record(failure(title, node, e))) {
                    interruptRunning();
                }
                throw e;
            } finally {
                beat.cancel(false);
                running.remove(Thread.currentThread());
                Thread.interrupted();
            }
        }

        /** Keeps the first failure; later ones are consequences (e.g. steps interrupted because of it). */
        private boolean record(StepFailedException e) {
            return failure.compareAndSet(null, e);
        }

        private StepFailedException failure(String title, Plan.Node<C> node, RuntimeException e) {
            if (e instanceof StepFailedException f) {
                return f;
            }
            String resource = node.step().resource(ctx);
            if (e instanceof CloudTimeoutException t) {
                return new StepFailedException(title, resource, null, t.getMessage() + ".", Fixes.forCode("Timeout"),
                        t);
            }
            if (e instanceof CloudException c) {
                return new StepFailedException(title, resource, c.code(), c.getMessage(), Fixes.forError(c.code(),
                        c.getMessage()), c);
            }
            return new StepFailedException(title, resource, null, e.toString(), Fixes.forCode(null), e);
        }

        private void interruptRunning() {
            for (Thread t : running) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
        }

        private void awaitQuietly(List<CompletableFuture<Void>> all) {
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // recorded by the steps
            }
        }

        Map<String, Duration> stepTimes() {
            synchronized (times) {
                return Collections.unmodifiableMap(new LinkedHashMap<>(times));
            }
        }
    }

    /** Runs the cleanups once, most recent first; returns what could not be removed. */
    private List<String> finish(boolean succeeded, Interruption interruption) {
        interruption.cleaningUp();
        boolean interrupted = interruption.happened();
        List<String> leaks = new ArrayList<>();
        try {
            for (CleanupStack.Entry entry : cleanups.takeAll()) {
                if (succeeded && entry.when() != CleanupStack.When.ALWAYS) {
                    continue;
                }
                if (entry.when() == CleanupStack.When.REPORT_ON_FAILURE) {
                    report(entry);
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

    private void report(CleanupStack.Entry entry) {
        try {
            entry.action().run();
        } catch (Exception e) {
            progress.warn("Could not read the " + entry.description() + ": " + e.getMessage());
        }
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

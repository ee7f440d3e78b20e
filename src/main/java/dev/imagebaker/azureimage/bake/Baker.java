package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.ScriptSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Runs the bake: resolve the source, prepare the gallery, create the temporary group and build VM, run the
 * scripts, generalize in the guest and in Azure, capture the version, and always clean up, in reverse order, on
 * success, on failure and on Ctrl-C.
 */
public final class Baker {
    private final Cloud cloud;
    private final Progress progress;
    private final Duration heartbeatInterval;

    public Baker(Cloud cloud, Progress progress, Duration heartbeatInterval) {
        this.cloud = cloud;
        this.progress = progress;
        this.heartbeatInterval = heartbeatInterval;
    }

    static List<Step> steps(BakeConfig config) {
        List<Step> steps = new ArrayList<>();
        steps.add(new ResolveSourceStep());
        steps.add(new FindExistingStep());
        steps.add(new PrepareGalleryStep());
        steps.add(new CreateTempGroupStep());
        if (!config.files().isEmpty()) {
            steps.add(new StageFilesStep());
        }
        steps.add(new CreateBuildVmStep());
        if (!config.files().isEmpty()) {
            steps.add(new InstallFilesStep());
        }
        for (ScriptSpec script : config.scripts()) {
            steps.add(new RunScriptStep(script));
            if (script.restartAfter()) {
                steps.add(new RestartStep(script.name()));
            }
        }
        steps.add(new DeprovisionStep());
        steps.add(new GeneralizeStep());
        steps.add(new CaptureStep());
        return steps;
    }

    public BakeResult bake(BakeConfig config) {
        Instant started = Instant.now();
        BakeContext ctx = new BakeContext(config, cloud, progress,
                BuildNames.of(config.project().artifactId(), started), started);
        progress.info("Baking " + ctx.definitionPath() + "/" + ctx.versionName + " (" + config.kind().name()
                .toLowerCase(java.util.Locale.ROOT) + " of " + config.project().version() + ") from " + config.source().text()
                + " in " + config.location() + " (build " + ctx.names.buildId() + ")");
        Interruption interruption = new Interruption(Thread.currentThread(), progress, config.timeouts().operation());
        BakeException failure = null;
        try (Heartbeat heartbeat = new Heartbeat(progress, heartbeatInterval)) {
            List<Step> steps = steps(config);
            for (int i = 0; i < steps.size() && !ctx.reused; i++) {
                runStep(ctx, steps.get(i), i + 1, steps.size(), heartbeat);
            }
        } catch (BakeException e) {
            failure = interruption.happened() ? new BakeException(e.step(), e.resource(), null, "The build was"
                    + " interrupted.", null, e) : e;
        } finally {
            interruption.cleaningUp();
            List<String> leaks = cleanUp(ctx, failure == null, interruption.happened());
            interruption.done();
            if (failure == null && !leaks.isEmpty()) {
                failure = new BakeException("cleanup", String.join(", ", leaks), null, "The image version "
                        + ctx.version.id() + " was published, but the temporary resources above could not be"
                        + " deleted.", "Delete them (az group delete -n " + ctx.names.tempGroup() + " --yes) or run"
                        + " mvn azure-image:clean.", null);
            }
        }
        if (failure != null) {
            throw failure;
        }
        Duration elapsed = Duration.between(started, Instant.now());
        progress.info("Image version " + ctx.version.id() + (ctx.reused ? " reused (same inputs)" : " baked")
                + " in " + Durations.format(elapsed));
        return new BakeResult(ctx.version, config.kind(), ctx.source, ctx.facts, ctx.fingerprint.digest(), ctx.reused,
                ctx.names.buildId(), started, elapsed, Collections.unmodifiableMap(new LinkedHashMap<>(ctx.stepTimes)));
    }

    private void runStep(BakeContext ctx, Step step, int number, int total, Heartbeat heartbeat) {
        String title = step.title(ctx);
        progress.stepStarted(number, total, title);
        Instant start = Instant.now();
        heartbeat.start(title);
        try {
            step.run(ctx);
        } catch (BakeException e) {
            throw e;
        } catch (CloudTimeoutException e) {
            throw new BakeException(title, step.resource(ctx), null, e.getMessage() + ".", Fixes.forCode("Timeout"),
                    e);
        } catch (CloudException e) {
            throw new BakeException(title, step.resource(ctx), e.code(), e.getMessage(), Fixes.forCode(e.code()), e);
        } catch (RuntimeException e) {
            throw new BakeException(title, step.resource(ctx), null, e.toString(), Fixes.forCode(null), e);
        } finally {
            heartbeat.stop();
        }
        Duration elapsed = Duration.between(start, Instant.now());
        ctx.stepTimes.put(title, elapsed);
        progress.stepFinished(number, total, title, elapsed);
    }

    /** Runs the cleanups once; returns what could not be removed. */
    private List<String> cleanUp(BakeContext ctx, boolean succeeded, boolean interrupted) {
        List<String> leaks = new ArrayList<>();
        for (CleanupStack.Entry entry : ctx.cleanups.takeAll()) {
            if (succeeded && entry.when() == CleanupStack.When.ON_FAILURE) {
                continue;
            }
            if (!succeeded && !interrupted && entry.when() == CleanupStack.When.ALWAYS && ctx.config.keepOnFailure()) {
                progress.warn("Kept " + entry.description() + " for inspection (keepOnFailure). Delete it when done: "
                        + "az group delete -n " + ctx.names.tempGroup() + " --yes --no-wait");
                continue;
            }
            Instant start = Instant.now();
            progress.info("[cleanup] Delete " + entry.description() + (interrupted ? " (build interrupted)" : ""));
            try {
                entry.action().run();
                progress.info("[cleanup] Deleted " + entry.description() + " in "
                        + Durations.format(Duration.between(start, Instant.now())));
            } catch (Exception e) {
                leaks.add(entry.description());
                progress.warn("[cleanup] Could not delete " + entry.description() + ": " + e.getMessage());
            }
        }
        return leaks;
    }

}

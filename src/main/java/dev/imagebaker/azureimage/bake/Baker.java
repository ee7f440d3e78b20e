package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.ScriptSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
        BuildNames names = BuildNames.of(config.project().artifactId(), started);
        Pipeline pipeline = new Pipeline(progress, cloud.pacer(), heartbeatInterval, config.timeouts().operation(),
                config.keepOnFailure(), "az group delete -n " + names.tempGroup() + " --yes --no-wait");
        BakeContext ctx = new BakeContext(config, cloud, progress, names, started, pipeline.cleanups);
        progress.info("Baking " + ctx.definitionPath() + "/" + ctx.versionName + " (" + config.kind().name()
                .toLowerCase(java.util.Locale.ROOT) + " of " + config.project().version() + ") from " + config.source().text()
                + " in " + config.location() + " (build " + names.buildId() + ")");
        BakeException failure = null;
        try {
            List<Step> steps = steps(config);
            for (int i = 0; i < steps.size() && !ctx.reused; i++) {
                Step step = steps.get(i);
                pipeline.step(i + 1, steps.size(), step.title(ctx), () -> step.resource(ctx), () -> step.run(ctx));
            }
        } catch (BakeException e) {
            failure = pipeline.failure(e);
        } finally {
            List<String> leaks = pipeline.finish(failure == null);
            if (failure == null && !leaks.isEmpty()) {
                failure = new BakeException("cleanup", String.join(", ", leaks), null, "The image version "
                        + ctx.version.id() + " was made, but the temporary resources above could not be deleted.",
                        "Delete them (az group delete -n " + names.tempGroup() + " --yes) or run mvn azure-image:clean.",
                        null);
            }
        }
        if (failure != null) {
            throw failure;
        }
        Duration elapsed = Duration.between(started, Instant.now());
        progress.info("Image version " + ctx.version.id() + (ctx.reused ? " reused (same inputs)" : " baked")
                + " in " + Durations.format(elapsed));
        return new BakeResult(ctx.version, config.kind(), ctx.source, ctx.facts, ctx.fingerprint.digest(), ctx.reused,
                names.buildId(), started, elapsed, pipeline.stepTimes());
    }
}

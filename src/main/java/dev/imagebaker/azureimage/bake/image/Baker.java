package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.guest.BuildNames;
import dev.imagebaker.azureimage.bake.guest.TempGroup;
import dev.imagebaker.azureimage.bake.run.Plan;
import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.bake.run.RunOutcome;
import dev.imagebaker.azureimage.bake.run.StepRunner;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.Layers;
import dev.imagebaker.azureimage.config.ScriptSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Runs the bake: resolve the source, prepare the gallery, create the temporary group and build VM, run the
 * scripts, generalize in the guest and in Azure, capture the version, and always clean up, in reverse order, on
 * success, on failure and on Ctrl-C.
 */
public final class Baker {
    private final Cloud cloud;
    private final Progress progress;
    private final Duration heartbeatInterval;
    private final Clock clock;

    public Baker(Cloud cloud, Progress progress, Duration heartbeatInterval) {
        this(cloud, progress, heartbeatInterval, Clock.systemUTC());
    }

    /** With the clock that stamps the build's names (tests use a fixed one to make two bakes start together). */
    public Baker(Cloud cloud, Progress progress, Duration heartbeatInterval, Clock clock) {
        this.cloud = cloud;
        this.progress = progress;
        this.heartbeatInterval = heartbeatInterval;
        this.clock = clock;
    }

    /**
     * The bake's steps; one that finds the version already baked ends the plan. Once placement is checked, the
     * gallery is prepared alongside the temporary group, its storage and network and the build VM (Azure's critical
     * path), and only the capture waits for both; storage and network are made side by side; scripts wait for the
     * storage that takes their output. With cached layers, the VM also waits for the search of a cached layer to
     * start from, each layer ends with a snapshot of the OS disk, and its image version is recorded alongside the
     * later scripts.
     */
    static Plan<BakeContext> plan(BakeConfig config) {
        Plan<BakeContext> plan = new Plan<>();
        plan.then(new ResolveSourceStep());
        plan.then(new FindExistingStep());
        Plan.Node<BakeContext> checked = plan.then(new CheckPlacementStep());
        Plan.Node<BakeContext> gallery = plan.after(new PrepareGalleryStep(), checked);
        Plan.Node<BakeContext> group = plan.after(new CreateTempGroupStep(), checked);
        Plan.Node<BakeContext> storage = plan.after(new CreateStorageStep(), group);
        Plan.Node<BakeContext> staged = config.files().isEmpty() ? storage
                : plan.after(new StageFilesStep(), storage);
        Plan.Node<BakeContext> network = config.placement().network().existingSubnet() ? group
                : plan.after(new CreateNetworkStep(), group);
        Layers layers = config.layers();
        Plan.Node<BakeContext> last = layers.active()
                ? plan.after(new CreateBuildVmStep(), network, plan.after(new FindLayerStep(), checked))
                : plan.after(new CreateBuildVmStep(), network);
        // With layers, the project's files go in after them: they change with every build, the layers should not.
        if (!config.files().isEmpty() && !layers.active()) {
            last = plan.after(new InstallFilesStep(), last, staged);
        }
        for (ScriptSpec script : config.scripts()) {
            last = plan.after(new RunScriptStep(script), last, storage);
            if (script.restartAfter()) {
                last = plan.after(new RestartStep(script.name()), last);
            }
            int layer = layers.active() ? layers.layerOf(script.name()) : -1;
            if (layer >= 0 && layers.cached().get(layer).lastScript().equals(script.name())) {
                last = plan.after(new SnapshotLayerStep(layer), last);
                plan.after(new RecordLayerStep(layer), last, gallery);
                if (layer == layers.cached().size() - 1 && !config.files().isEmpty()) {
                    last = plan.after(new InstallFilesStep(), last, staged);
                }
            }
        }
        last = plan.after(new DeprovisionStep(), last, storage);
        last = plan.after(new GeneralizeStep(), last);
        plan.after(new CaptureStep(), last, gallery);
        return plan;
    }

    public BakeResult bake(BakeConfig config) {
        Instant started = clock.instant();
        BuildNames names = BuildNames.of(config.project().artifactId(), started,
                config.placement().buildResourceGroup());
        String deleteHint = TempGroup.deleteHint(names);
        StepRunner runner = new StepRunner(progress, cloud.pacer(), heartbeatInterval, config.timeouts().operation(),
                config.keepOnFailure(), deleteHint);
        BakeContext ctx = new BakeContext(config, cloud, progress, names, started, runner.cleanups());
        progress.info("Baking " + ctx.definitionPath() + "/" + ctx.versionName + " (" + config.kind().name()
                .toLowerCase(Locale.ROOT) + " of " + config.project().version() + ") from " + config.source().text()
                + " in " + config.location() + " (build " + names.buildId() + ")");
        RunOutcome outcome = runner.run(plan(config), ctx);
        outcome.throwIfFailed(() -> "The image version " + ctx.version.id() + " was made", deleteHint);
        Duration elapsed = Duration.between(started, clock.instant());
        progress.info("Image version " + ctx.version.id() + (outcome.halted() ? " reused (same inputs)" : " baked")
                + " in " + Durations.format(elapsed));
        return new BakeResult(ctx.version, config.kind(), ctx.source, ctx.facts, ctx.fingerprint.digest(),
                outcome.halted(), names.buildId(), started, elapsed, outcome.stepTimes(), ctx.startLayer == null ? null
                : new BakeResult.StartLayer(config.layers().name(ctx.startLayer.index()),
                        ctx.startLayer.version().id().value()));
    }
}

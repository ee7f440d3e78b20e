package dev.imagebaker.azureimage.bake.publish;

import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.run.Plan;
import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.bake.run.RunOutcome;
import dev.imagebaker.azureimage.bake.run.StepRunner;
import dev.imagebaker.azureimage.config.Publishing;
import dev.imagebaker.azureimage.config.Retention;
import dev.imagebaker.azureimage.config.VersionKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishing as bake and publish both run it: publish the version (regions, latest, end of life, replication),
 * then apply retention to the release and the snapshot definitions (or, without them in the pom, to the published
 * version's definition). Idempotent.
 */
public final class Publisher {
    private final Cloud cloud;
    private final Progress progress;
    private final Duration heartbeatInterval;

    public Publisher(Cloud cloud, Progress progress, Duration heartbeatInterval) {
        this.cloud = cloud;
        this.progress = progress;
        this.heartbeatInterval = heartbeatInterval;
    }

    public VersionInfo publish(BakedVersion target, Publishing publishing, Duration timeout, String releaseDefinition,
                               String snapshotDefinition) {
        StepRunner runner = new StepRunner(progress, cloud.pacer(), heartbeatInterval, timeout, false, "");
        PublishContext ctx = new PublishContext(cloud, progress, target, publishing, timeout);
        Plan<PublishContext> plan = new Plan<>();
        plan.then(new PublishVersionStep());
        Retention retention = publishing.retention();
        if (retention != null) {
            keep(target, retention, releaseDefinition, snapshotDefinition).forEach((definition, count) ->
                    plan.then(new RetentionStep(definition, count, retention)));
        }
        RunOutcome outcome = runner.run(plan, ctx);
        outcome.throwIfFailed(() -> "Published " + target.id(), "");
        return ctx.published;
    }

    /** How many versions of each definition retention keeps. */
    private static Map<String, Integer> keep(BakedVersion target, Retention retention, String releaseDefinition,
                                             String snapshotDefinition) {
        Map<String, Integer> keep = new LinkedHashMap<>();
        if (releaseDefinition != null) {
            keep.put(releaseDefinition, retention.releases());
            keep.put(snapshotDefinition, retention.snapshots());
        } else {
            keep.put(target.id().definition(), target.kind() == VersionKind.RELEASE ? retention.releases()
                    : retention.snapshots());
        }
        return keep;
    }
}

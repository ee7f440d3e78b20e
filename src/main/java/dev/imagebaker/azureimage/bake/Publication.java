package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.Publishing;
import dev.imagebaker.azureimage.config.Retention;
import dev.imagebaker.azureimage.config.VersionKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishing as bake and publish both run it: publish the version, then apply retention to the release and the
 * snapshot definitions (or, without them in the pom, to the published version's definition).
 */
public final class Publication {
    private final Cloud cloud;
    private final Progress progress;

    public Publication(Cloud cloud, Progress progress) {
        this.cloud = cloud;
        this.progress = progress;
    }

    public VersionInfo publishAndPrune(PublishTarget target, Publishing publishing, Duration timeout,
                                       String releaseDefinition, String snapshotDefinition) {
        VersionInfo published = new Publisher(cloud, progress).publish(target, publishing);
        Retention retention = publishing.retention();
        if (retention == null) {
            return published;
        }
        Map<String, Integer> keep = new LinkedHashMap<>();
        if (releaseDefinition != null) {
            keep.put(releaseDefinition, retention.releases());
            keep.put(snapshotDefinition, retention.snapshots());
        } else {
            keep.put(target.definition(), target.kind() == VersionKind.RELEASE ? retention.releases()
                    : retention.snapshots());
        }
        Pruner pruner = new Pruner(cloud, progress);
        for (Map.Entry<String, Integer> definition : keep.entrySet()) {
            List<String> deleted = pruner.prune(target.resourceGroup(), target.gallery(), definition.getKey(),
                    definition.getValue(), retention, published.id(), timeout);
            progress.info("Retention " + (retention.dryRun() ? "would delete " : "deleted ") + deleted.size()
                    + " version(s) of " + definition.getKey() + (deleted.isEmpty() ? "" : ": " + deleted.stream()
                    .map(v -> v.substring(v.lastIndexOf('/') + 1)).toList()));
        }
        return published;
    }
}

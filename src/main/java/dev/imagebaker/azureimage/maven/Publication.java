package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.bake.BakeException;
import dev.imagebaker.azureimage.bake.Pruner;
import dev.imagebaker.azureimage.bake.PublishTarget;
import dev.imagebaker.azureimage.bake.Publisher;
import dev.imagebaker.azureimage.bake.VersionInfo;
import dev.imagebaker.azureimage.config.Publishing;
import dev.imagebaker.azureimage.config.Retention;
import dev.imagebaker.azureimage.config.VersionKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Publishing as bake and publish both run it: publish the version, then apply retention to the release and the
 * snapshot definitions (or, without them in the pom, to the published version's definition).
 */
final class Publication {
    private Publication() {
    }

    static VersionInfo publishAndPrune(CloudConnection cloud, MavenProgress progress, PublishTarget target,
                                       Publishing publishing, Duration timeout, String releaseDefinition,
                                       String snapshotDefinition) throws MojoFailureException {
        try {
            VersionInfo published = new Publisher(cloud.cloud(), progress).publish(target, publishing);
            Retention retention = publishing.retention();
            if (retention == null) {
                return published;
            }
            String[] id = published.id().split("/");
            Map<String, Integer> keep = new LinkedHashMap<>();
            if (releaseDefinition != null) {
                keep.put(releaseDefinition, retention.releases());
                keep.put(snapshotDefinition, retention.snapshots());
            } else {
                keep.put(id[10], target.kind() == VersionKind.RELEASE ? retention.releases() : retention.snapshots());
            }
            Pruner pruner = new Pruner(cloud.cloud(), progress);
            for (Map.Entry<String, Integer> definition : keep.entrySet()) {
                List<String> deleted = pruner.prune(id[4], id[8], definition.getKey(), definition.getValue(), retention,
                        published.id(), timeout);
                progress.info("Retention " + (retention.dryRun() ? "would delete " : "deleted ") + deleted.size()
                        + " version(s) of " + definition.getKey() + (deleted.isEmpty() ? "" : ": " + deleted.stream()
                        .map(v -> v.substring(v.lastIndexOf('/') + 1)).toList()));
            }
            return published;
        } catch (BakeException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}

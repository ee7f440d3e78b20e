package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Retention: deletes the image versions beyond the newest N releases and M snapshots. Never the definition's
 * current latest, never a version younger than the minimum age, never the version just published, never one the
 * plugin did not bake. A dry run only reports.
 */
public final class Pruner {
    private final Cloud cloud;
    private final Progress progress;

    public Pruner(Cloud cloud, Progress progress) {
        this.cloud = cloud;
        this.progress = progress;
    }

    /** Applies retention to one definition, keeping its newest keep versions; returns the versions deleted. */
    public List<String> prune(String resourceGroup, String gallery, String definition, int keep, Retention retention,
                              String protectedVersionId, Duration timeout) {
        List<VersionInfo> all = cloud.galleries().versions(resourceGroup, gallery, definition);
        Optional<VersionInfo> latest = all.stream().filter(v -> !v.excludeFromLatest())
                .filter(v -> "Succeeded".equals(v.provisioningState())).max(Comparator.comparing(VersionInfo::version));
        List<VersionInfo> ours = all.stream().filter(VersionInfo::bakedByPlugin)
                .sorted(Comparator.comparing(VersionInfo::version).reversed()).toList();
        List<String> deleted = new ArrayList<>();
        Instant youngest = Instant.now().minus(retention.minimumAge());
        for (int i = keep; i < ours.size(); i++) {
            VersionInfo v = ours.get(i);
            String why = null;
            if (latest.isPresent() && latest.get().id().equalsIgnoreCase(v.id())) {
                why = "it is the current latest";
            } else if (v.id().equalsIgnoreCase(protectedVersionId)) {
                why = "it was just published";
            } else if (v.publishedDate() == null || v.publishedDate().isAfter(youngest)) {
                why = "it is younger than " + retention.minimumAge().toDays() + " days";
            }
            if (why != null) {
                progress.info("      retention keeps " + definition + "/" + v.name() + ": " + why);
                continue;
            }
            if (retention.dryRun()) {
                progress.info("      retention would delete " + definition + "/" + v.name() + " (dry run)");
            } else {
                progress.info("      retention deletes " + definition + "/" + v.name());
                cloud.galleries().deleteVersion(resourceGroup, gallery, definition, v.name(), timeout);
            }
            deleted.add(v.id());
        }
        return deleted;
    }
}

package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.Publishing;
import dev.imagebaker.azureimage.config.TargetRegion;
import dev.imagebaker.azureimage.config.VersionKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Publishes a version: replicates it to the target regions, sets its end of life, promotes a release to latest
 * (a snapshot never), waits for replication with progress per region, then applies retention. Idempotent: a
 * version already published as wanted is left alone.
 */
public final class Publisher {
    private final Cloud cloud;
    private final Progress progress;

    public Publisher(Cloud cloud, Progress progress) {
        this.cloud = cloud;
        this.progress = progress;
    }

    public VersionInfo publish(PublishTarget target, Publishing publishing) {
        String what = "Publish image version " + target.path();
        VersionInfo current = cloud.galleries().version(target.resourceGroup(), target.gallery(), target.definition(),
                target.version()).orElseThrow(() -> new BakeException(what, target.versionId(), "NotFound",
                "The image version does not exist.", "Bake it first (mvn package), or check the manifest.", null));
        if (ImageTester.FAILED.equals(current.tags().get(ImageTester.TAG_TEST))) {
            throw new BakeException(what, target.versionId(), null, "The image version failed its tests (test-image,"
                    + " " + current.tags().get(ImageTester.TAG_TESTED_AT) + "); it stays a candidate, excluded from"
                    + " latest.", "Fix the image and bake a new version. To reuse this version's"
                    + " name instead, delete the failed candidate: az sig image-version delete -g " + target.resourceGroup()
                    + " -r " + target.gallery() + " -i " + target.definition() + " -e " + target.version() + ".",
                    null);
        }
        if (!"Succeeded".equals(current.provisioningState())) {
            throw new BakeException(what, target.versionId(), null, "The image version is "
                    + current.provisioningState() + ".", "Bake a new version.", null);
        }
        List<TargetRegion> regions = regions(publishing.targetRegions(), current.location());
        boolean exclude = target.kind() == VersionKind.SNAPSHOT;
        Instant endOfLife = endOfLife(current.publishedDate(), publishing);
        VersionInfo published = current;
        if (sameRegions(current.regions(), regions) && current.excludeFromLatest() == exclude
                && sameDay(current.endOfLifeDate(), endOfLife)) {
            progress.info("Image version " + current.name() + " is already published as configured ("
                    + describe(regions) + (exclude ? ", excluded from latest" : ", latest") + ")");
        } else {
            progress.info("Publishing image version " + current.name() + " to " + describe(regions)
                    + (exclude ? "; excluded from latest (" + target.kind().name().toLowerCase() + ")"
                    : "; promoted to latest") + (endOfLife == null ? "" : "; end of life " + endOfLife));
            Map<String, String> lastSeen = new HashMap<>();
            try {
                published = cloud.galleries().updateVersion(new VersionUpdate(target.versionId(), regions, exclude,
                        endOfLife), publishing.replicationTimeout(), states -> report(states, lastSeen));
            } catch (CloudTimeoutException e) {
                throw new BakeException(what, target.versionId(), null, "Replication did not finish within "
                        + Durations.format(publishing.replicationTimeout()) + ".", "Raise <timeouts><replication>;"
                        + " run publish again to resume, it picks up where Azure is.", e);
            } catch (CloudException e) {
                throw new BakeException(what, target.versionId(), e.code(), e.getMessage(), Fixes.forCode(e.code()), e);
            }
        }
        List<RegionReplication> states = cloud.galleries().replication(target.versionId());
        List<RegionReplication> failed = states.stream().filter(RegionReplication::failed).toList();
        if (!failed.isEmpty()) {
            throw new BakeException(what, target.versionId(), null, "Replication failed in "
                    + failed.stream().map(r -> r.region() + " (" + r.details() + ")").collect(Collectors.joining(", "))
                    + ".", "Run publish again; if it keeps failing, remove the region or check its quota.", null);
        }
        return published;
    }

    /** The configured regions, with the version's own region first: Azure requires it among the targets. */
    static List<TargetRegion> regions(List<TargetRegion> configured, String versionLocation) {
        List<TargetRegion> regions = new ArrayList<>(configured);
        if (regions.stream().noneMatch(r -> r.name().equals(versionLocation))) {
            regions.add(0, new TargetRegion(versionLocation, 1, TargetRegion.DEFAULT_STORAGE));
        }
        return regions;
    }

    /** End of life: the version's publication day plus the period, at midnight UTC, so that reruns agree. */
    static Instant endOfLife(Instant published, Publishing publishing) {
        if (publishing.endOfLifeAfter() == null) {
            return null;
        }
        LocalDate day = (published == null ? Instant.now() : published).atZone(ZoneOffset.UTC).toLocalDate();
        return day.plus(publishing.endOfLifeAfter()).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static boolean sameDay(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.atZone(ZoneOffset.UTC).toLocalDate().equals(b.atZone(ZoneOffset.UTC).toLocalDate());
    }

    private static boolean sameRegions(List<TargetRegion> a, List<TargetRegion> b) {
        return new HashSet<>(a).equals(new HashSet<>(b));
    }

    private static String describe(List<TargetRegion> regions) {
        return regions.stream().map(r -> r.name() + " (" + r.replicas() + "x " + r.storageAccountType() + ")")
                .collect(Collectors.joining(", "));
    }

    /** One line per region whose state or progress changed since the last poll. */
    private void report(List<RegionReplication> states, Map<String, String> lastSeen) {
        for (RegionReplication r : states) {
            String now = r.state() + " " + r.progress() + "%";
            if (!now.equals(lastSeen.put(r.region(), now))) {
                progress.info("      replication " + r.region() + ": " + now);
            }
        }
    }

}

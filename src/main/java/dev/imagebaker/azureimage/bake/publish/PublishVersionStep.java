package dev.imagebaker.azureimage.bake.publish;

import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.CloudTimeoutException;
import dev.imagebaker.azureimage.bake.cloud.RegionReplication;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.cloud.VersionUpdate;
import dev.imagebaker.azureimage.bake.run.Fixes;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Publishes a version: replicates it to the target regions, sets its end of life, promotes a release to latest
 * (a snapshot never), and waits for replication with progress per region. Idempotent: a version already published
 * as wanted is left alone.
 */
final class PublishVersionStep implements Step<PublishContext> {

    @Override
    public String title(PublishContext ctx) {
        return "Publish image version " + ctx.target.id().path();
    }

    @Override
    public String resource(PublishContext ctx) {
        return ctx.target.id().value();
    }

    @Override
    public StepResult run(PublishContext ctx) {
        String what = title(ctx);
        BakedVersion target = ctx.target;
        Publishing publishing = ctx.publishing;
        VersionInfo current = ctx.cloud.galleries().version(target.id()).orElseThrow(() -> new StepFailedException(
                what, target.id().value(), "NotFound", "The image version does not exist.", "Bake it first (mvn"
                + " package), or check the manifest.", null));
        if (Tags.FAILED.equals(current.tags().get(Tags.TEST))) {
            throw new StepFailedException(what, target.id().value(), null, "The image version failed its tests"
                    + " (test-image, " + current.tags().get(Tags.TESTED_AT) + "); it stays a candidate, excluded from"
                    + " latest.", "Fix the image and bake a new version. To reuse this version's name instead, delete"
                    + " the failed candidate: az sig image-version delete -g " + target.id().resourceGroup() + " -r "
                    + target.id().gallery() + " -i " + target.id().definition() + " -e " + target.id().version()
                    + ".", null);
        }
        if (!current.succeeded()) {
            throw new StepFailedException(what, target.id().value(), null, "The image version is "
                    + current.provisioningState() + ".", "Bake a new version.", null);
        }
        List<TargetRegion> regions = regions(publishing.targetRegions(), current.location());
        boolean exclude = target.kind() == VersionKind.SNAPSHOT;
        Instant endOfLife = endOfLife(current.publishedDate(), publishing);
        VersionInfo published = current;
        if (sameRegions(current.regions(), regions) && current.excludeFromLatest() == exclude
                && sameDay(current.endOfLifeDate(), endOfLife)) {
            ctx.progress.info("Image version " + current.name() + " is already published as configured ("
                    + describe(regions) + (exclude ? ", excluded from latest" : ", latest") + ")");
        } else {
            ctx.progress.info("Publishing image version " + current.name() + " to " + describe(regions)
                    + (exclude ? "; excluded from latest (" + target.kind().name().toLowerCase(Locale.ROOT) + ")"
                    : "; promoted to latest once replicated") + (endOfLife == null ? "" : "; end of life " + endOfLife));
            // Replicate first, still excluded from latest; promote only a version every region holds, so that a
            // failed replication never leaves a version that new VMs of "latest" would get.
            boolean replicateExcluded = current.excludeFromLatest() || exclude;
            Map<String, String> lastSeen = new HashMap<>();
            published = update(ctx, new VersionUpdate(target.id(), regions, replicateExcluded, endOfLife), lastSeen);
            failIfReplicationFailed(ctx, what);
            if (replicateExcluded != exclude) {
                published = promote(ctx, what, new VersionUpdate(target.id(), regions, exclude, endOfLife), lastSeen);
            }
        }
        failIfReplicationFailed(ctx, what);
        ctx.published = published;
        return StepResult.CONTINUE;
    }

    /** lastSeen: each region's last reported state, so that a state is printed once across updates. */
    private static VersionInfo update(PublishContext ctx, VersionUpdate update, Map<String, String> lastSeen) {
        try {
            return ctx.cloud.galleries().updateVersion(update, ctx.publishing.replicationTimeout(),
                    states -> report(ctx, states, lastSeen));
        } catch (CloudTimeoutException e) {
            throw new StepFailedException("Publish image version " + ctx.target.id().path(),
                    ctx.target.id().value(), null, "Replication did not finish within "
                    + Durations.format(ctx.publishing.replicationTimeout()) + ".", "Raise <timeouts><replication>;"
                    + " run publish again to resume, it picks up where Azure is.", e);
        }
    }

    /**
     * Makes the replicated version latest. Azure applies an update's properties even when its operation then
     * fails, so a failed promotion is undone (excluded from latest again) and the message says whether that worked.
     */
    private static VersionInfo promote(PublishContext ctx, String what, VersionUpdate promotion,
                                       Map<String, String> lastSeen) {
        try {
            return update(ctx, promotion, lastSeen);
        } catch (RuntimeException e) {
            String undone;
            try {
                ctx.cloud.galleries().updateVersion(new VersionUpdate(promotion.versionId(),
                        promotion.targetRegions(), true, promotion.endOfLifeDate()),
                        ctx.publishing.replicationTimeout(), states -> { });
                undone = " The promotion was undone: the version is replicated but still excluded from latest.";
            } catch (RuntimeException undo) {
                undone = " Undoing the promotion failed too (" + undo.getMessage() + "): the version may now be"
                        + " latest; check it with az sig image-version show.";
            }
            String code = e instanceof CloudException c ? c.code() : null;
            String problem = (e instanceof StepFailedException f ? f.problem() : e.getMessage()) + undone;
            String fix = e instanceof StepFailedException f ? f.fix() : Fixes.forError(code, e.getMessage());
            throw new StepFailedException(what, ctx.target.id().value(), code, problem, fix, e);
        }
    }

    private static void failIfReplicationFailed(PublishContext ctx, String what) {
        List<RegionReplication> failed = ctx.cloud.galleries().replication(ctx.target.id()).stream()
                .filter(RegionReplication::failed).toList();
        if (!failed.isEmpty()) {
            throw new StepFailedException(what, ctx.target.id().value(), null, "Replication failed in "
                    + failed.stream().map(r -> r.region() + " (" + r.details() + ")").collect(Collectors.joining(", "))
                    + ".", "Run publish again; if it keeps failing, remove the region or check its quota.", null);
        }
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
    private static void report(PublishContext ctx, List<RegionReplication> states, Map<String, String> lastSeen) {
        for (RegionReplication r : states) {
            String now = r.state() + " " + r.progress() + "%";
            if (!now.equals(lastSeen.put(r.region(), now))) {
                ctx.progress.info("      replication " + r.region() + ": " + now);
            }
        }
    }

}

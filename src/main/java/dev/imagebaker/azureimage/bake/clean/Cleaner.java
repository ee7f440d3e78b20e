package dev.imagebaker.azureimage.bake.clean;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.ResourceGroups;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.run.Plan;
import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.bake.run.RunOutcome;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepRunner;
import dev.imagebaker.azureimage.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Removes what killed or failed builds left: temporary resource groups this plugin created (they carry its
 * build-id and created-by tags) whose expires-at has passed, and image versions the plugin baked whose
 * provisioning failed. It touches nothing without the plugin's tags and nothing unexpired, so it needs no
 * confirmation; a dry run only reports.
 */
public final class Cleaner {
    private final Cloud cloud;
    private final Progress progress;
    private final Duration heartbeatInterval;

    public Cleaner(Cloud cloud, Progress progress, Duration heartbeatInterval) {
        this.cloud = cloud;
        this.progress = progress;
        this.heartbeatInterval = heartbeatInterval;
    }

    /** What clean deleted (or would delete, in a dry run). */
    public record Report(List<String> groups, List<String> versions, List<String> kept) {
    }

    /** Where to look and how: now decides what has expired. */
    public record Request(Instant now, boolean dryRun, Duration timeout, String galleryGroup, String gallery,
                          List<String> definitions, String buildGroup) {
        public Request(Instant now, boolean dryRun, Duration timeout, String galleryGroup, String gallery,
                       List<String> definitions) {
            this(now, dryRun, timeout, galleryGroup, gallery, definitions, null);
        }
    }

    public Report clean(Request request) {
        Report report = new Report(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        Plan<Report> plan = new Plan<>();
        plan.then(Step.of(r -> "Delete expired temporary resource groups" + (request.dryRun() ? " (dry run)" : ""),
                r -> "resource groups tagged " + Tags.BUILD_ID, r -> expiredGroups(request, r)));
        if (request.buildGroup() != null) {
            plan.then(Step.of(r -> "Delete expired builds' resources in " + request.buildGroup()
                            + (request.dryRun() ? " (dry run)" : ""), r -> "resource group " + request.buildGroup(),
                    r -> expiredBuilds(request, r)));
        }
        if (request.gallery() != null) {
            for (String definition : request.definitions()) {
                plan.then(Step.of(r -> "Delete failed image versions of " + definition
                                + (request.dryRun() ? " (dry run)" : ""),
                        r -> "image definition " + request.galleryGroup() + "/" + request.gallery() + "/" + definition,
                        r -> failedVersions(request, definition, r)));
            }
        }
        RunOutcome outcome = new StepRunner(progress, cloud.pacer(), heartbeatInterval, request.timeout(), false, "")
                .run(plan, report);
        outcome.throwIfFailed(() -> "Clean ran", "");
        return report;
    }

    /** Deletes the plugin's expired groups; reports the unexpired ones as kept. */
    private void expiredGroups(Request request, Report report) {
        for (ResourceGroups.GroupInfo group : cloud.groups().listTagged(Tags.BUILD_ID)) {
            if (!group.tags().containsKey(Tags.CREATED_BY)) {
                continue;
            }
            Instant expires = expiry(group.tags().get(Tags.EXPIRES_AT));
            if (expires != null && expires.isAfter(request.now())) {
                report.kept().add(group.name());
                progress.info("Keeping " + group.name() + ": it expires at " + expires + " (a build may still use it)");
                continue;
            }
            report.groups().add(group.name());
            String build = group.tags().get(Tags.BUILD_ID);
            if (request.dryRun()) {
                progress.info("Would delete resource group " + group.name() + " (build " + build + ", "
                        + (expires == null ? "no expiry tag" : "expired " + expires) + ")");
            } else {
                Instant start = Instant.now();
                cloud.groups().delete(group.name(), request.timeout());
                progress.info("Deleted resource group " + group.name() + " (build " + build + ") in "
                        + Durations.format(Duration.between(start, Instant.now())));
            }
        }
    }

    /** In a shared build group: the resources of builds whose expires-at has passed, build by build. */
    private void expiredBuilds(Request request, Report report) {
        Map<String, Instant> builds = new TreeMap<>();
        for (ResourceGroups.TaggedResource resource : cloud.groups().listTaggedResources(request.buildGroup(),
                Tags.BUILD_ID)) {
            if (!resource.tags().containsKey(Tags.CREATED_BY)) {
                continue;
            }
            Instant expires = expiry(resource.tags().get(Tags.EXPIRES_AT));
            builds.merge(resource.tags().get(Tags.BUILD_ID), expires == null ? Instant.EPOCH : expires,
                    (a, b) -> a.isAfter(b) ? a : b);
        }
        builds.forEach((build, expires) -> {
            String what = "build " + build + " in " + request.buildGroup();
            if (expires.isAfter(request.now())) {
                report.kept().add(what);
                progress.info("Keeping the resources of " + what + ": they expire at " + expires);
                return;
            }
            report.groups().add(what);
            if (request.dryRun()) {
                progress.info("Would delete the resources of " + what);
            } else {
                cloud.groups().deleteTaggedResources(request.buildGroup(), Tags.BUILD_ID, build, request.timeout());
                progress.info("Deleted the resources of " + what);
            }
        });
    }

    /** Deletes the definition's versions the plugin baked whose provisioning Failed or was Canceled. */
    private void failedVersions(Request request, String definition, Report report) {
        for (VersionInfo v : cloud.galleries().versions(request.galleryGroup(), request.gallery(), definition)) {
            if (!v.provisioningState().broken() || !v.bakedByPlugin()) {
                continue;
            }
            report.versions().add(v.id().value());
            if (!request.dryRun()) {
                cloud.galleries().deleteVersion(v.id(), request.timeout());
            }
            progress.info((request.dryRun() ? "Would delete" : "Deleted") + " image version " + definition + "/"
                    + v.name() + " (" + v.provisioningState() + ")");
        }
    }

    /** The expiry tag's instant; a missing or unreadable tag counts as expired: the group is ours and stale. */
    private static Instant expiry(String tag) {
        try {
            return tag == null ? null : Instant.parse(tag);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

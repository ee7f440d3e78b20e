package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what killed or failed builds left: temporary resource groups this plugin created (they carry its
 * build-id and created-by tags) whose expires-at has passed, and image versions the plugin baked whose
 * provisioning failed. It touches nothing without the plugin's tags and nothing unexpired, so it needs no
 * confirmation; a dry run only reports.
 */
public final class Cleaner {
    private final Cloud cloud;
    private final Progress progress;

    public Cleaner(Cloud cloud, Progress progress) {
        this.cloud = cloud;
        this.progress = progress;
    }

    /** What clean deleted (or would delete, in a dry run). */
    public record Report(List<String> groups, List<String> versions, List<String> kept) {
    }

    public Report clean(Instant now, boolean dryRun, Duration timeout, String galleryGroup, String gallery,
                        List<String> definitions) {
        List<String> kept = new ArrayList<>();
        List<String> groups = expiredGroups(now, dryRun, timeout, kept);
        List<String> versions = new ArrayList<>();
        if (gallery != null) {
            for (String definition : definitions) {
                versions.addAll(failedVersions(dryRun, timeout, galleryGroup, gallery, definition));
            }
        }
        return new Report(groups, versions, kept);
    }

    /** Deletes the plugin's expired groups; adds the unexpired ones to kept. */
    private List<String> expiredGroups(Instant now, boolean dryRun, Duration timeout, List<String> kept) {
        List<String> groups = new ArrayList<>();
        for (ResourceGroups.GroupInfo group : cloud.groups().listTagged(CreateTempGroupStep.TAG_BUILD_ID)) {
            if (!group.tags().containsKey(CreateTempGroupStep.TAG_CREATED_BY)) {
                continue;
            }
            Instant expires = expiry(group.tags().get(CreateTempGroupStep.TAG_EXPIRES_AT));
            if (expires != null && expires.isAfter(now)) {
                kept.add(group.name());
                progress.info("Keeping " + group.name() + ": it expires at " + expires + " (a build may still use it)");
                continue;
            }
            groups.add(group.name());
            String build = group.tags().get(CreateTempGroupStep.TAG_BUILD_ID);
            if (dryRun) {
                progress.info("Would delete resource group " + group.name() + " (build " + build + ", "
                        + (expires == null ? "no expiry tag" : "expired " + expires) + ")");
            } else {
                Instant start = Instant.now();
                cloud.groups().delete(group.name(), timeout);
                progress.info("Deleted resource group " + group.name() + " (build " + build + ") in "
                        + Durations.format(Duration.between(start, Instant.now())));
            }
        }
        return groups;
    }

    /** Deletes the definition's versions the plugin baked whose provisioning Failed or was Canceled. */
    private List<String> failedVersions(boolean dryRun, Duration timeout, String galleryGroup, String gallery,
                                        String definition) {
        List<String> versions = new ArrayList<>();
        for (VersionInfo v : cloud.galleries().versions(galleryGroup, gallery, definition)) {
            boolean failed = "Failed".equalsIgnoreCase(v.provisioningState())
                    || "Canceled".equalsIgnoreCase(v.provisioningState());
            if (!failed || !v.bakedByPlugin()) {
                continue;
            }
            versions.add(v.id());
            if (!dryRun) {
                cloud.galleries().deleteVersion(galleryGroup, gallery, definition, v.name(), timeout);
            }
            progress.info((dryRun ? "Would delete" : "Deleted") + " image version " + definition + "/" + v.name()
                    + " (" + v.provisioningState() + ")");
        }
        return versions;
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

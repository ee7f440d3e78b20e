package dev.imagebaker.azureimage.bake.publish;

import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.Retention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Retention on one definition: deletes the image versions beyond the newest N (releases or snapshots). Never the
 * definition's current latest, never a version younger than the minimum age, never the version just published,
 * never one the plugin did not bake. A dry run only reports.
 */
final class RetentionStep implements Step<PublishContext> {
    private final String definition;
    private final int keep;
    private final Retention retention;

    RetentionStep(String definition, int keep, Retention retention) {
        this.definition = definition;
        this.keep = keep;
        this.retention = retention;
    }

    @Override
    public String title(PublishContext ctx) {
        return "Apply retention to " + definition + (keep == Integer.MAX_VALUE ? " (keep all)" : " (keep " + keep
                + ")") + (retention.dryRun() ? ", dry run" : "");
    }

    @Override
    public String resource(PublishContext ctx) {
        return "image definition " + ctx.target.id().resourceGroup() + "/" + ctx.target.id().gallery() + "/"
                + definition;
    }

    @Override
    public StepResult run(PublishContext ctx) {
        GalleryImageVersionId published = ctx.target.id();
        List<VersionInfo> all = ctx.cloud.galleries().versions(published.resourceGroup(), published.gallery(),
                definition);
        Optional<VersionInfo> latest = all.stream().filter(v -> !v.excludeFromLatest()).filter(VersionInfo::succeeded)
                .max(Comparator.comparing(VersionInfo::version));
        List<VersionInfo> ours = all.stream().filter(VersionInfo::bakedByPlugin)
                .sorted(Comparator.comparing(VersionInfo::version).reversed()).toList();
        List<String> deleted = new ArrayList<>();
        Instant youngest = Instant.now().minus(retention.minimumAge());
        for (int i = keep; i < ours.size(); i++) {
            VersionInfo v = ours.get(i);
            String why = null;
            if (latest.isPresent() && latest.get().id().sameAs(v.id())) {
                why = "it is the current latest";
            } else if (v.id().sameAs(published)) {
                why = "it was just published";
            } else if (v.publishedDate() == null || v.publishedDate().isAfter(youngest)) {
                why = "it is younger than " + retention.minimumAge().toDays() + " days";
            }
            if (why != null) {
                ctx.progress.info("      retention keeps " + definition + "/" + v.name() + ": " + why);
                continue;
            }
            if (retention.dryRun()) {
                ctx.progress.info("      retention would delete " + definition + "/" + v.name() + " (dry run)");
            } else {
                ctx.progress.info("      retention deletes " + definition + "/" + v.name());
                ctx.cloud.galleries().deleteVersion(v.id(), ctx.timeout);
            }
            deleted.add(v.name());
        }
        ctx.progress.info("Retention " + (retention.dryRun() ? "would delete " : "deleted ") + deleted.size()
                + " version(s) of " + definition + (deleted.isEmpty() ? "" : ": " + deleted));
        return StepResult.CONTINUE;
    }
}

package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.ProjectInfo;
import dev.imagebaker.azureimage.config.TargetRegion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Captures the generalized VM as the gallery image version, tagged with where it came from. */
final class CaptureStep implements Step {
    static final String TAG_GROUP_ID = "maven.groupId";
    static final String TAG_ARTIFACT_ID = "maven.artifactId";
    static final String TAG_VERSION = "maven.version";
    static final String TAG_REVISION = "vcs.revision";
    static final String TAG_SOURCE = "azure-image.source";
    static final String TAG_KIND = "azure-image.kind";

    @Override
    public String title(BakeContext ctx) {
        return "Capture image version " + ctx.definitionPath() + "/" + ctx.versionName
                + " (candidate: " + ctx.config.location() + " only, excluded from latest)";
    }

    @Override
    public String resource(BakeContext ctx) {
        return "image version " + ctx.definitionPath() + "/" + ctx.versionName;
    }

    @Override
    public void run(BakeContext ctx) {
        GalleryTarget g = ctx.config.gallery();
        String version = ctx.versionName;
        String definition = ctx.config.definition();
        // A version half-made by a failed or interrupted bake must not stay behind.
        ctx.cleanups.push(resource(ctx), CleanupStack.When.ON_FAILURE,
                () -> ctx.cloud.galleries().deleteVersion(g.resourceGroup(), g.name(), definition, version,
                        ctx.config.timeouts().operation()));
        // A candidate: publishing (regions, latest, end of life) comes after, so an untested image is never latest.
        ctx.version = ctx.cloud.galleries().createVersion(new VersionRequest(g.resourceGroup(), g.name(), definition,
                version, ctx.config.location(), ctx.vm.id(), List.of(buildRegion(ctx)), true, tags(ctx)),
                ctx.config.timeouts().operation());
    }

    private static TargetRegion buildRegion(BakeContext ctx) {
        return ctx.config.publishing().targetRegions().stream().filter(r -> r.name().equals(ctx.config.location()))
                .findFirst().orElseThrow();
    }

    static Map<String, String> tags(BakeContext ctx) {
        ProjectInfo p = ctx.config.project();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_GROUP_ID, p.groupId());
        tags.put(TAG_ARTIFACT_ID, p.artifactId());
        tags.put(TAG_VERSION, p.version());
        if (p.vcsRevision() != null) {
            tags.put(TAG_REVISION, p.vcsRevision());
        }
        tags.put(TAG_SOURCE, ctx.source.resolved());
        tags.put(TAG_KIND, ctx.config.kind().name().toLowerCase(java.util.Locale.ROOT));
        tags.put(CreateTempGroupStep.TAG_BUILD_ID, ctx.names.buildId());
        tags.putAll(ctx.fingerprint.tags());
        return tags;
    }
}

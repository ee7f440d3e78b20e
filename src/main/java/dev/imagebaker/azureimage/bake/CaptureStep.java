package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.ProjectInfo;
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

    @Override
    public String title(BakeContext ctx) {
        return "Capture image version " + ctx.definitionPath() + "/" + ctx.versionName();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "image version " + ctx.definitionPath() + "/" + ctx.versionName();
    }

    @Override
    public void run(BakeContext ctx) {
        GalleryTarget g = ctx.config.gallery();
        String version = ctx.versionName();
        // A version half-made by a failed or interrupted bake must not stay behind.
        ctx.cleanups.push(resource(ctx), CleanupStack.When.ON_FAILURE,
                () -> ctx.cloud.galleries().deleteVersion(g.resourceGroup(), g.name(), g.imageDefinition(), version,
                        ctx.config.timeouts().operation()));
        ctx.version = ctx.cloud.galleries().createVersion(new VersionRequest(g.resourceGroup(), g.name(),
                g.imageDefinition(), version, ctx.config.location(), ctx.vm.id(),
                List.of(new VersionRequest.TargetRegion(ctx.config.location(), 1, "Standard_LRS")), false,
                tags(ctx)), ctx.config.timeouts().operation());
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
        tags.put(CreateTempGroupStep.TAG_BUILD_ID, ctx.names.buildId());
        return tags;
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.VersionRequest;
import dev.imagebaker.azureimage.bake.run.CleanupStack;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;

import dev.imagebaker.azureimage.config.ProjectInfo;
import dev.imagebaker.azureimage.config.TargetRegion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Captures the generalized VM as the gallery image version, tagged with where it came from. */
final class CaptureStep implements Step<BakeContext> {

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
    public StepResult run(BakeContext ctx) {
        GalleryImageVersionId id = ctx.versionId();
        // A version half-made by a failed or interrupted bake must not stay behind; another bake's is not ours.
        ctx.cleanups.push(resource(ctx), CleanupStack.When.ON_FAILURE, () -> UnfinishedVersion.delete(ctx, id));
        // A candidate: publishing (regions, latest, end of life) comes after, so an untested image is never latest.
        try {
            ctx.version = ctx.cloud.galleries().createVersion(new VersionRequest(id, ctx.config.location(),
                    ctx.vm.id(), List.of(buildRegion(ctx)), true, tags(ctx)), ctx.config.timeouts().operation());
        } catch (CloudException e) {
            throw e.status() == 409 ? takenMeanwhile(ctx, id, e) : e;
        }
        return StepResult.CONTINUE;
    }

    /** Azure refused the PUT because the name is taken: by another bake of this release since this one looked. */
    private RuntimeException takenMeanwhile(BakeContext ctx, GalleryImageVersionId id, CloudException e) {
        String other = ctx.cloud.galleries().version(id).map(UnfinishedVersion::madeBy).orElse(null);
        if (other == null || other.equals(ctx.names.buildId())) {
            return e;
        }
        String problem = "Build " + other + " began image version " + ctx.versionName + " after this build looked"
                + " for it (two bakes of one release at once): " + e.getMessage();
        return new StepFailedException(title(ctx), resource(ctx), e.code(), problem, "Wait for build " + other
                + " to end, then build again: unchanged inputs reuse its version, changed ones need a new project"
                + " version.", e);
    }

    private static TargetRegion buildRegion(BakeContext ctx) {
        return ctx.config.publishing().targetRegions().stream().filter(r -> r.name().equals(ctx.config.location()))
                .findFirst().orElseThrow();
    }

    static Map<String, String> tags(BakeContext ctx) {
        ProjectInfo p = ctx.config.project();
        Map<String, String> tags = new LinkedHashMap<>(ctx.config.placement().tags());
        tags.put(Tags.GROUP_ID, p.groupId());
        tags.put(Tags.ARTIFACT_ID, p.artifactId());
        tags.put(Tags.VERSION, p.version());
        if (p.vcsRevision() != null) {
            tags.put(Tags.REVISION, p.vcsRevision());
        }
        tags.put(Tags.SOURCE, ctx.source.resolved());
        tags.put(Tags.KIND, ctx.config.kind().name().toLowerCase(java.util.Locale.ROOT));
        tags.put(Tags.BUILD_ID, ctx.names.buildId());
        tags.putAll(ctx.fingerprint.tags());
        return tags;
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import java.util.Optional;

/**
 * Removes an image version this bake began and did not finish. Only its own: when two bakes want one name (two
 * pipelines of one release, or a rerun while the first still captures), Azure refuses the second PUT (409), and
 * that bake's cleanup must not delete the version the other is making. A version carries its bake's build id from
 * the moment Azure accepts the PUT.
 */
final class UnfinishedVersion {
    private UnfinishedVersion() {
    }

    static void delete(BakeContext ctx, GalleryImageVersionId id) {
        Optional<VersionInfo> version = ctx.cloud.galleries().version(id);
        if (version.isEmpty()) {
            return;
        }
        String madeBy = madeBy(version.get());
        if (!ctx.names.buildId().equals(madeBy)) {
            ctx.progress.warn("Left image version " + id.path() + " alone: " + (madeBy == null
                    ? "this build did not make it" : "build " + madeBy + " made it, not this one") + ".");
            return;
        }
        ctx.cloud.galleries().deleteVersion(id, ctx.config.timeouts().operation());
    }

    /** The build that made a version (its build-id tag), or null for one the plugin did not make. */
    static String madeBy(VersionInfo version) {
        return version.tags().get(Tags.BUILD_ID);
    }
}

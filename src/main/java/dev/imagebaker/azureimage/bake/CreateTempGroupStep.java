package dev.imagebaker.azureimage.bake;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates the temporary resource group, tagged so that azure-image:clean can find it if the build is killed. */
final class CreateTempGroupStep implements Step {
    static final String TAG_BUILD_ID = "azure-image.build-id";
    static final String TAG_EXPIRES_AT = "azure-image.expires-at";
    static final String TAG_CREATED_BY = "azure-image.created-by";

    @Override
    public String title(BakeContext ctx) {
        return "Create resource group " + ctx.names.tempGroup();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "resource group " + ctx.names.tempGroup();
    }

    @Override
    public void run(BakeContext ctx) {
        create(ctx.cloud, ctx.cleanups, ctx.names.tempGroup(), ctx.config.location(), ctx.names.buildId(),
                ctx.config.tempGroupTtl(), "azure-image-maven-plugin " + ctx.config.project().groupId() + ":"
                        + ctx.config.project().artifactId() + ":" + ctx.config.project().version(),
                ctx.config.timeouts().operation());
    }

    /** Creates a temporary group with the tags clean looks for; its deletion is registered first. */
    static void create(Cloud cloud, CleanupStack cleanups, String group, String location, String buildId,
                       Duration ttl, String createdBy, Duration deleteTimeout) {
        cleanups.push("resource group " + group, CleanupStack.When.ALWAYS,
                () -> cloud.groups().delete(group, deleteTimeout));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_BUILD_ID, buildId);
        tags.put(TAG_EXPIRES_AT, Instant.now().plus(ttl).toString());
        tags.put(TAG_CREATED_BY, createdBy);
        cloud.groups().create(group, location, tags);
    }
}

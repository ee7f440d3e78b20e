package dev.imagebaker.azureimage.bake;

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
        String group = ctx.names.tempGroup();
        ctx.cleanups.push("resource group " + group, CleanupStack.When.ALWAYS,
                () -> ctx.cloud.groups().delete(group, ctx.config.timeouts().operation()));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_BUILD_ID, ctx.names.buildId());
        tags.put(TAG_EXPIRES_AT, Instant.now().plus(ctx.config.tempGroupTtl()).toString());
        tags.put(TAG_CREATED_BY, "azure-image-maven-plugin " + ctx.config.project().groupId() + ":"
                + ctx.config.project().artifactId() + ":" + ctx.config.project().version());
        ctx.cloud.groups().create(group, ctx.config.location(), tags);
    }
}

package dev.imagebaker.azureimage.bake.guest;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.run.CleanupStack;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A temporary resource group (bake's build group, test-image's test group), tagged so that azure-image:clean can
 * find it if the build is killed; its deletion is registered before it is created.
 */
public final class TempGroup {
    private TempGroup() {
    }

    /** userTags: the configured tags, under the plugin's own. */
    public static void create(Cloud cloud, CleanupStack cleanups, String group, String location, String buildId,
                              Duration ttl, String createdBy, Duration deleteTimeout, Map<String, String> userTags) {
        cleanups.push("resource group " + group, CleanupStack.When.ALWAYS,
                () -> cloud.groups().delete(group, deleteTimeout));
        Map<String, String> tags = new LinkedHashMap<>(userTags);
        tags.put(Tags.BUILD_ID, buildId);
        tags.put(Tags.EXPIRES_AT, Instant.now().plus(ttl).toString());
        tags.put(Tags.CREATED_BY, createdBy);
        cloud.groups().create(group, location, tags);
    }
}

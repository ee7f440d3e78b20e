package dev.imagebaker.azureimage.bake.guest;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
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

    /**
     * The build's group: a new temporary group, tagged so that azure-image:clean finds it if the build is killed,
     * whose deletion (awaited, or only requested when waitForDeletion is off) is registered before it is created; or, in a shared build group (names.sharedGroup()), the
     * existing group, checked, and the deletion of the build's tagged resources in it.
     */
    public static void prepare(Cloud cloud, CleanupStack cleanups, BuildNames names, String location, Duration ttl,
                               String createdBy, Duration deleteTimeout, boolean waitForDeletion,
                               Map<String, String> userTags) {
        String group = names.tempGroup();
        if (names.sharedGroup()) {
            if (!cloud.groups().exists(group)) {
                throw new CloudException("ResourceGroupNotFound", 404, "The build resource group " + group
                        + " does not exist (or the identity cannot read it): <buildResourceGroup> names an existing"
                        + " group, which the plugin never creates.");
            }
            cleanups.push("resources of build " + names.buildId() + " in resource group " + group,
                    CleanupStack.When.ALWAYS, () -> cloud.groups().deleteTaggedResources(group, Tags.BUILD_ID,
                            names.buildId(), deleteTimeout));
            return;
        }
        if (waitForDeletion) {
            cleanups.push("resource group " + group, CleanupStack.When.ALWAYS,
                    () -> cloud.groups().delete(group, deleteTimeout));
        } else {
            // Its tags let azure-image:clean finish the job should Azure's deletion fail later.
            cleanups.push("resource group " + group + " (Azure finishes the deletion in the background)",
                    CleanupStack.When.ALWAYS, () -> cloud.groups().beginDelete(group));
        }
        Map<String, String> tags = new LinkedHashMap<>(userTags);
        tags.putAll(ownTags(names.buildId(), ttl, createdBy));
        cloud.groups().create(group, location, tags);
    }

    /** How to delete by hand what a build left: its group, or its tagged resources in a shared group. */
    public static String deleteHint(BuildNames names) {
        return names.sharedGroup() ? "az resource delete --ids $(az resource list -g " + names.tempGroup() + " --tag "
                + Tags.BUILD_ID + "=" + names.buildId() + " --query [].id -o tsv)"
                : "az group delete -n " + names.tempGroup() + " --yes --no-wait";
    }

    /** The tags clean looks for: on the temporary group, or on every resource of a shared build group. */
    public static Map<String, String> ownTags(String buildId, Duration ttl, String createdBy) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.BUILD_ID, buildId);
        tags.put(Tags.EXPIRES_AT, Instant.now().plus(ttl).toString());
        tags.put(Tags.CREATED_BY, createdBy);
        return tags;
    }
}

package dev.imagebaker.azureimage.bake.cloud;

import java.time.Duration;
import java.util.Map;

/** Resource groups: the temporary build group, and the gallery's group when it does not exist yet. */
public interface ResourceGroups {
    boolean exists(String name);

    /** The groups that carry the tag, with all their tags. */
    java.util.List<GroupInfo> listTagged(String tagName);

    /** A resource group and its tags. */
    record GroupInfo(String name, String location, Map<String, String> tags) {
    }

    void create(String name, String location, Map<String, String> tags);

    /** Deletes the group and everything in it, waiting at most timeout; a missing group is not an error. */
    void delete(String name, Duration timeout);

    /**
     * Asks Azure to delete the group and returns once Azure accepted (Packer's async_resourcegroup_delete); a missing
     * group is not an error. The group's tags let azure-image:clean finish the job if Azure's deletion fails.
     */
    void beginDelete(String name);

    /** The resources of a group that carry the tag, with all their tags (a shared build group). */
    java.util.List<TaggedResource> listTaggedResources(String group, String tagName);

    /** A resource and its tags. */
    record TaggedResource(String id, String type, Map<String, String> tags) {
    }

    /**
     * Deletes a build's resources in a shared group (those tagged with its build id), VMs first (their disks and
     * NICs go with them), then what they used; waits at most timeout. Missing ones are not an error.
     */
    void deleteTaggedResources(String group, String tagName, String tagValue, Duration timeout);
}

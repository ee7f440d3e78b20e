package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.ImageVersion;
import dev.imagebaker.azureimage.config.TargetRegion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An image version as Azure has it; regions are canonical names with their replicas and storage type. */
public record VersionInfo(String id, String name, String location, String provisioningState,
                          boolean excludeFromLatest, List<TargetRegion> regions, Instant publishedDate,
                          Instant endOfLifeDate, Map<String, String> tags) {

    public List<String> regionNames() {
        return regions.stream().map(TargetRegion::name).toList();
    }

    public ImageVersion version() {
        return ImageVersion.parse(name);
    }

    /** The definition's id, from the version's. */
    public String definitionId() {
        return id.substring(0, id.toLowerCase().lastIndexOf("/versions/"));
    }

    public String galleryId() {
        String definition = definitionId();
        return definition.substring(0, definition.toLowerCase().lastIndexOf("/images/"));
    }

    /** Made by this plugin: it carries the plugin's build id. */
    public boolean bakedByPlugin() {
        return tags.containsKey(CreateTempGroupStep.TAG_BUILD_ID);
    }
}

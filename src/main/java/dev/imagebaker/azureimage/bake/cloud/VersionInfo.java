package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.config.ImageVersion;
import dev.imagebaker.azureimage.config.TargetRegion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An image version as Azure has it; regions are canonical names with their replicas and storage type. */
public record VersionInfo(GalleryImageVersionId id, String location, ProvisioningState provisioningState,
                          boolean excludeFromLatest, List<TargetRegion> regions, Instant publishedDate,
                          Instant endOfLifeDate, Map<String, String> tags) {

    /** The version's name, e.g. 1.4.2. */
    public String name() {
        return id.version();
    }

    public List<String> regionNames() {
        return regions.stream().map(TargetRegion::name).toList();
    }

    public ImageVersion version() {
        return ImageVersion.parse(name());
    }

    public boolean succeeded() {
        return provisioningState == ProvisioningState.SUCCEEDED;
    }

    /** Made by this plugin: it carries the plugin's build id. */
    public boolean bakedByPlugin() {
        return tags.containsKey(Tags.BUILD_ID);
    }
}

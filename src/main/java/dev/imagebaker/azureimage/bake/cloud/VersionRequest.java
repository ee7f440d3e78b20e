package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.TargetRegion;
import java.util.List;
import java.util.Map;

/** An image version to capture from a generalized VM, in its location. */
public record VersionRequest(GalleryImageVersionId id, String location, String sourceVmId,
                             List<TargetRegion> targetRegions, boolean excludeFromLatest, Map<String, String> tags) {
}

package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.TargetRegion;
import java.util.List;
import java.util.Map;

/** An image version to capture from a generalized VM or from an OS disk snapshot (a cached layer), in its location. */
public record VersionRequest(GalleryImageVersionId id, String location, String sourceId,
                             List<TargetRegion> targetRegions, boolean excludeFromLatest, Map<String, String> tags) {
}

package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.TargetRegion;
import java.util.List;
import java.util.Map;

/** An image version to capture from a generalized build VM. */
public record VersionRequest(String resourceGroup, String gallery, String definition, String version,
                             String location, String sourceVmId, List<TargetRegion> targetRegions,
                             boolean excludeFromLatest, Map<String, String> tags) {
}

package dev.imagebaker.azureimage.bake;

import java.util.List;
import java.util.Map;

/** An image version as Azure has it; targetRegions are canonical region names. */
public record VersionInfo(String id, String name, String location, String provisioningState,
                          boolean excludeFromLatest, List<String> targetRegions, Map<String, String> tags) {
}

package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.TargetRegion;
import java.time.Instant;
import java.util.List;

/** The publishing an existing version should have: regions, exclusion from latest, end of life (or none). */
public record VersionUpdate(GalleryImageVersionId versionId, List<TargetRegion> targetRegions,
                            boolean excludeFromLatest, Instant endOfLifeDate) {
}

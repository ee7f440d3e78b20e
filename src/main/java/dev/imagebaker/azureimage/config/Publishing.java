package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.time.Period;
import java.util.List;

/**
 * How a version is published: its target regions (the build region always among them), its end of life (a
 * period after it was published, or none), retention of old versions (or none), and the bound on replication.
 * publishLater: a publish goal is bound, so bake only makes a candidate (build region, excluded from latest).
 */
public record Publishing(List<TargetRegion> targetRegions, Period endOfLifeAfter, Retention retention,
                         Duration replicationTimeout, boolean publishLater) {
    public Publishing {
        targetRegions = List.copyOf(targetRegions);
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.config.VersionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a bake produced, or found already baked from the same inputs (reused); startLayer: the cached layer its
 * build VM started from, null when it started from the source image.
 */
public record BakeResult(VersionInfo version, VersionKind kind, ResolvedSource source, ImageFacts facts,
                         String fingerprint, boolean reused, String buildId, Instant started, Duration elapsed,
                         Map<String, Duration> stepTimes, StartLayer startLayer) {

    /** A cached layer: its name and the id of its image version. */
    public record StartLayer(String name, String versionId) {
    }
}

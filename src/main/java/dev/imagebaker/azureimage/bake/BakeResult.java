package dev.imagebaker.azureimage.bake;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What a successful bake produced. */
public record BakeResult(VersionInfo version, String definitionId, String galleryId, ResolvedSource source,
                         String buildId, Instant started, Duration elapsed, Map<String, Duration> stepTimes,
                         Map<String, String> tags) {
}

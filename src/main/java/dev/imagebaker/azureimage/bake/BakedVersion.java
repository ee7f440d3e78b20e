package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.config.VersionKind;

/** A version the plugin baked, as a bake or a manifest names it: what test-image tests and publish publishes. */
public record BakedVersion(GalleryImageVersionId id, VersionKind kind, String location) {
}

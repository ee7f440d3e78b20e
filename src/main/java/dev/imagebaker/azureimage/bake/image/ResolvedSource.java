package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.config.SourceImage;

/**
 * The source as configured and as resolved: {@code latest} replaced by the concrete version, and the image
 * reference the build VM boots from.
 */
public record ResolvedSource(SourceImage configured, String resolved, String imageReference) {
}

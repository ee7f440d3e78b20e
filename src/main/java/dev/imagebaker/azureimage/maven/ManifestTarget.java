package dev.imagebaker.azureimage.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.Manifest;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.VersionKind;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;

/** The image version a manifest (image.json) names, for the goals that act on a baked version. */
record ManifestTarget(ObjectNode image, BakedVersion target) {
    private static final String WHERE = "<manifest> (-D" + PropertyNames.MANIFEST + "): ";

    static ManifestTarget read(File manifest, String purpose) throws MojoFailureException {
        ObjectNode image;
        try {
            image = Manifest.read(manifest.toPath());
        } catch (IOException e) {
            throw new MojoFailureException(WHERE + "Cannot read the manifest " + manifest + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "it does not exist" : e.getMessage())
                    + ". Fix: run bake first (mvn package), or point -D" + PropertyNames.MANIFEST
                    + " at the image.json of the version to " + purpose + ".", e);
        }
        String versionId = image.path("imageVersion").path("id").asText();
        if (!GalleryImageVersionId.isValid(versionId)) {
            throw new MojoFailureException(WHERE + "The manifest " + manifest + " names no gallery image version (imageVersion.id"
                    + " is '" + versionId + "'). Fix: point -D" + PropertyNames.MANIFEST + " at an image.json that"
                    + " azure-image:bake wrote.");
        }
        String location = image.path("imageVersion").path("location").asText();
        String kindText = image.path("kind").asText("release");
        VersionKind kind;
        try {
            kind = VersionKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(WHERE + "The manifest " + manifest + " has kind '" + kindText + "'; azure-image:bake"
                    + " writes release or snapshot. Fix: point -D" + PropertyNames.MANIFEST + " at an image.json that"
                    + " azure-image:bake wrote.", e);
        }
        return new ManifestTarget(image, new BakedVersion(GalleryImageVersionId.parse(versionId), kind, location));
    }

    /** The image's OS, as bake recorded it. */
    OsType osType() {
        return "Windows".equalsIgnoreCase(image.path("source").path("osType").asText()) ? OsType.WINDOWS
                : OsType.LINUX;
    }

    String subscriptionId() {
        return target.id().subscription();
    }
}

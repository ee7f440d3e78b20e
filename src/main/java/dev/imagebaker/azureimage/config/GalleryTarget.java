package dev.imagebaker.azureimage.config;

/**
 * The gallery, image definition and identifier the image version is published to; snapshots go to their own
 * definition (identifier sku + "-snapshot") so that they can never collide with a release.
 */
public record GalleryTarget(String resourceGroup, String name, String imageDefinition, String publisher,
                            String offer, String sku, String snapshotImageDefinition) {

    /** The definition a version of this kind goes to. */
    public String definitionFor(VersionKind kind) {
        return kind == VersionKind.SNAPSHOT ? snapshotImageDefinition : imageDefinition;
    }

    public String skuFor(VersionKind kind) {
        return kind == VersionKind.SNAPSHOT ? sku + "-snapshot" : sku;
    }
}

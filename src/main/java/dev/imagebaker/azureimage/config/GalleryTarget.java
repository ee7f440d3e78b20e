package dev.imagebaker.azureimage.config;

/**
 * The gallery, image definition and identifier the image version is published to; snapshots go to their own
 * definition (identifier sku + "-snapshot") so that they can never collide with a release; cached layers to a hidden
 * Specialized one (definition + "-layers", identifier sku + "-layers"), shared by releases and snapshots.
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

    /** The hidden definition of cached layers; cut so that it stays within Azure's 80 characters. */
    public String layerDefinition() {
        return layerDefinitionOf(imageDefinition);
    }

    /** The hidden layer definition that goes with a release definition. */
    public static String layerDefinitionOf(String imageDefinition) {
        String base = imageDefinition.length() > 73 ? imageDefinition.substring(0, 73) : imageDefinition;
        return base.replaceAll("[._-]+$", "") + "-layers";
    }

    public String layerSku() {
        return sku + "-layers";
    }
}

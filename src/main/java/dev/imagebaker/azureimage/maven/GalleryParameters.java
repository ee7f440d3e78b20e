package dev.imagebaker.azureimage.maven;

/** The {@code <gallery>} element of the plugin configuration. */
public class GalleryParameters {
    /** Resource group of the gallery; created when missing. */
    String resourceGroup;
    /** Gallery name: letters, digits, '_' and '.', no hyphen. */
    String name;
    /** Image definition the versions are published to; created when missing. */
    String imageDefinition;
    /** Identifier of the definition: publisher, offer and sku. */
    String publisher;
    String offer;
    String sku;
    /** Where snapshot and pre-release versions go; default: imageDefinition + "-snapshot". */
    String snapshotImageDefinition;
}

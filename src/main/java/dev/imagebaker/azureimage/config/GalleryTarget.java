package dev.imagebaker.azureimage.config;

/** The gallery, image definition and identifier the image version is published to. */
public record GalleryTarget(String resourceGroup, String name, String imageDefinition, String publisher,
                            String offer, String sku) {
}

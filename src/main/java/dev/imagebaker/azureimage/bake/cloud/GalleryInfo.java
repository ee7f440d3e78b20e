package dev.imagebaker.azureimage.bake.cloud;

/** An existing compute gallery. */
public record GalleryInfo(String id, String location) {
}

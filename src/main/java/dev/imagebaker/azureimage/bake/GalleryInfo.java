package dev.imagebaker.azureimage.bake;

/** An existing compute gallery. */
public record GalleryInfo(String id, String location) {
}

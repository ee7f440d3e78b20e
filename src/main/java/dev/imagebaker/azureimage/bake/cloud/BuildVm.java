package dev.imagebaker.azureimage.bake.cloud;

/** The temporary VM a bake provisions. */
public record BuildVm(String id, String resourceGroup, String name) {
}

package dev.imagebaker.azureimage.config;

/** An empty data disk of the build VM, carried into the image: its LUN and size in GiB. */
public record DataDisk(int lun, int sizeGb) {
}

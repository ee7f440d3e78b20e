package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.RawConfiguration;

/** One {@code <dataDisk>}: its LUN (0 to 63) and its size in GiB. */
public class DataDiskParameters {
    String lun;
    String sizeGb;

    RawConfiguration.DataDiskEntry entry() {
        return new RawConfiguration.DataDiskEntry(lun, sizeGb);
    }
}

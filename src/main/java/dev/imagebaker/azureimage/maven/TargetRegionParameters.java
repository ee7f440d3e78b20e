package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.RawConfiguration;

/** One {@code <targetRegion>}: name, replicas (default 1), storageAccountType (default Standard_LRS). */
public class TargetRegionParameters {
    String name;
    String replicas;
    String storageAccountType;

    RawConfiguration.TargetRegionEntry entry() {
        return new RawConfiguration.TargetRegionEntry(name, replicas, storageAccountType);
    }
}

package dev.imagebaker.azureimage.config;

import java.util.List;

/**
 * A region an image version is replicated to: canonical region name, replica count, storage account type
 * (Standard_LRS, Standard_ZRS or Premium_LRS). Written compactly as {@code name[:replicas[:storageAccountType]]},
 * comma-separated: {@code westeurope,northeurope:2:Standard_ZRS}.
 */
public record TargetRegion(String name, int replicas, String storageAccountType) {
    public static final List<String> STORAGE_TYPES = List.of("Standard_LRS", "Standard_ZRS", "Premium_LRS");
    public static final String DEFAULT_STORAGE = "Standard_LRS";

    @Override
    public String toString() {
        return name + ":" + replicas + ":" + storageAccountType;
    }
}

package dev.imagebaker.azureimage.bake;

import java.util.List;
import java.util.Map;

/** An image version to capture from a generalized build VM. */
public record VersionRequest(String resourceGroup, String gallery, String definition, String version,
                             String location, String sourceVmId, List<TargetRegion> targetRegions,
                             boolean excludeFromLatest, Map<String, String> tags) {

    /** A replication target: region, replica count and storage account type (Standard_LRS, Standard_ZRS, ...). */
    public record TargetRegion(String name, int replicas, String storageAccountType) {
    }
}

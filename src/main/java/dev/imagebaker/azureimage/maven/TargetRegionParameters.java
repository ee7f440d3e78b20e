package dev.imagebaker.azureimage.maven;

/** One {@code <targetRegion>}: name, replicas (default 1), storageAccountType (default Standard_LRS). */
public class TargetRegionParameters {
    String name;
    Integer replicas;
    String storageAccountType;

    /** The compact form name:replicas:storageAccountType that -Dazure-image.targetRegions also uses. */
    String compact() {
        return (name == null ? "" : name) + ":" + (replicas == null ? "" : replicas) + ":"
                + (storageAccountType == null ? "" : storageAccountType);
    }
}

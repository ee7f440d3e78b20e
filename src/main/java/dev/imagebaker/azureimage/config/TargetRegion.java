package dev.imagebaker.azureimage.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /** Parses the compact list; throws IllegalArgumentException naming the bad entry. */
    static List<TargetRegion> parseList(String text) {
        List<TargetRegion> regions = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", -1);
            if (parts.length > 3) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not name[:replicas[:storageAccountType]]");
            }
            String name = AzureRegions.canonical(parts[0]);
            if (name == null) {
                String closest = AzureRegions.closest(parts[0]);
                throw new IllegalArgumentException("'" + parts[0] + "' is not an Azure region"
                        + (closest == null ? "" : " (did you mean '" + closest + "'?)"));
            }
            int replicas = 1;
            if (parts.length > 1 && !parts[1].isBlank()) {
                try {
                    replicas = Integer.parseInt(parts[1].trim());
                } catch (NumberFormatException e) {
                    replicas = -1;
                }
                if (replicas < 1 || replicas > 100) {
                    throw new IllegalArgumentException("the replica count '" + parts[1] + "' of " + name
                            + " is not a number from 1 to 100");
                }
            }
            String storage = parts.length > 2 && !parts[2].isBlank() ? parts[2].trim() : DEFAULT_STORAGE;
            String known = STORAGE_TYPES.stream().filter(t -> t.equalsIgnoreCase(storage)).findFirst().orElse(null);
            if (known == null) {
                throw new IllegalArgumentException("the storage account type '" + storage + "' of " + name
                        + " is not one of " + STORAGE_TYPES);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(name + " is listed twice");
            }
            regions.add(new TargetRegion(name, replicas, known));
        }
        return regions;
    }
}

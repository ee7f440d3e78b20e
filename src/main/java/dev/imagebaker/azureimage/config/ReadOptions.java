package dev.imagebaker.azureimage.config;

import java.util.Map;

/**
 * What the reader gets besides the settings: whether a publish goal is bound (bake then makes a candidate), the
 * secrets the Maven layer resolved (from settings.xml servers or the environment), and whether it reads for the
 * validate goal, which runs before the project's files are built.
 */
public record ReadOptions(boolean publishLater, Map<String, Secret> secrets, boolean validationOnly) {
    public static ReadOptions defaults() {
        return new ReadOptions(false, Map.of(), false);
    }
}

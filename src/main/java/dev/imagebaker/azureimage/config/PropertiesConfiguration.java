package dev.imagebaker.azureimage.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A configuration given entirely as {@code -D} properties, without a pom: tests, and goals run without a project. */
public record PropertiesConfiguration(Map<String, String> values) implements RawConfiguration {

    @Override
    public Optional<String> property(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public Map<String, String> properties(String prefix) {
        Map<String, String> found = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name, value);
            }
        });
        return found;
    }

    @Override
    public Optional<String> pomValue(String property) {
        return Optional.empty();
    }

    @Override
    public List<FileEntry> pomFiles() {
        return List.of();
    }

    @Override
    public List<TargetRegionEntry> pomTargetRegions() {
        return List.of();
    }

    @Override
    public List<DataDiskEntry> pomDataDisks() {
        return List.of();
    }

    @Override
    public Map<String, String> pomEnvironment() {
        return Map.of();
    }

    @Override
    public Map<String, String> pomTags() {
        return Map.of();
    }

    @Override
    public List<SecretEntry> pomSecrets() {
        return List.of();
    }

    @Override
    public List<ScriptEntry> pomScripts() {
        return List.of();
    }
}

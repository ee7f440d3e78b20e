package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a bake needs, validated: nothing here can fail offline any more. environment values and secrets
 * reach every script as parameters (secrets as protected ones, never logged or written).
 */
public record BakeConfig(String subscriptionId, String tenantId, String location, SourceImage source,
                         OsType osType, String vmSize, GalleryTarget gallery, List<ScriptSpec> scripts,
                         List<FileCopy> files, Map<String, String> environment, Map<String, Secret> secrets,
                         MappedVersion imageVersion, Timeouts timeouts, boolean keepOnFailure, Duration tempGroupTtl,
                         Publishing publishing, EmulatorSettings emulator, ProjectInfo project) {
    public BakeConfig {
        scripts = List.copyOf(scripts);
        files = List.copyOf(files);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        secrets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secrets));
    }

    public VersionKind kind() {
        return imageVersion.kind();
    }

    /** The definition this bake's version goes to. */
    public String definition() {
        return gallery.definitionFor(kind());
    }
}

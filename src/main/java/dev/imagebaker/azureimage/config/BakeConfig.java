package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a bake needs, validated: nothing here can fail offline any more. environment values and secrets
 * reach every script (secrets as protected parameters, never logged or written). warnings: worth saying, not
 * worth failing for (e.g. a region this plugin does not know yet, checked against Azure before anything is made).
 */
public record BakeConfig(String subscriptionId, String tenantId, String location, SourceImage source,
                         OsType osType, String vmSize, GalleryTarget gallery, List<ScriptSpec> scripts,
                         List<FileCopy> files, List<DataDisk> dataDisks, Layers layers,
                         Map<String, String> environment, Map<String, Secret> secrets,
                         MappedVersion imageVersion, Timeouts timeouts, boolean keepOnFailure, Duration tempGroupTtl,
                         boolean waitForDeletion,
                         Publishing publishing, EmulatorSettings emulator, ProjectInfo project, Placement placement,
                         Access access, List<String> warnings) {
    public BakeConfig {
        warnings = List.copyOf(warnings);
        scripts = List.copyOf(scripts);
        files = List.copyOf(files);
        dataDisks = List.copyOf(dataDisks);
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

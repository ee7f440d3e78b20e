package dev.imagebaker.azureimage.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything a bake needs, validated: nothing here can fail offline any more. */
public record BakeConfig(String subscriptionId, String tenantId, String location, SourceImage source,
                         OsType osType, String vmSize, GalleryTarget gallery, List<Path> scripts,
                         MappedVersion imageVersion, Timeouts timeouts, boolean keepOnFailure, Duration tempGroupTtl,
                         Publishing publishing, EmulatorSettings emulator, ProjectInfo project) {
    public BakeConfig {
        scripts = List.copyOf(scripts);
    }

    public VersionKind kind() {
        return imageVersion.kind();
    }

    /** The definition this bake's version goes to. */
    public String definition() {
        return gallery.definitionFor(kind());
    }
}

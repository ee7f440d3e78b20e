package dev.imagebaker.azureimage.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything a bake needs, validated: nothing here can fail offline any more. */
public record BakeConfig(String subscriptionId, String tenantId, String location, SourceImage source,
                         OsType osType, String vmSize, GalleryTarget gallery, List<Path> scripts,
                         ImageVersion imageVersion, Timeouts timeouts, boolean keepOnFailure, Duration tempGroupTtl,
                         EmulatorSettings emulator, ProjectInfo project) {
    public BakeConfig {
        scripts = List.copyOf(scripts);
    }
}

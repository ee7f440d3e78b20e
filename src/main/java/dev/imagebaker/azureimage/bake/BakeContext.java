package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.BakeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The state of one bake as it moves through its steps. */
public final class BakeContext {
    final BakeConfig config;
    final Cloud cloud;
    final Progress progress;
    final BuildNames names;
    final Instant started;
    final CleanupStack cleanups = new CleanupStack();
    final Map<String, Duration> stepTimes = new LinkedHashMap<>();
    ResolvedSource source;
    GalleryInfo gallery;
    DefinitionInfo definition;
    BuildVm vm;
    VersionInfo version;

    BakeContext(BakeConfig config, Cloud cloud, Progress progress, BuildNames names, Instant started) {
        this.config = config;
        this.cloud = cloud;
        this.progress = progress;
        this.names = names;
        this.started = started;
    }

    String versionName() {
        return config.imageVersion().toString();
    }

    String definitionPath() {
        return config.gallery().resourceGroup() + "/" + config.gallery().name() + "/"
                + config.gallery().imageDefinition();
    }
}

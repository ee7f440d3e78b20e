package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.BuildVm;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.FileStaging;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.GalleryInfo;
import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.guest.BuildNames;
import dev.imagebaker.azureimage.bake.guest.TempGroup;
import dev.imagebaker.azureimage.bake.run.CleanupStack;
import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.SecurityType;
import java.time.Instant;
import java.util.Map;

/** The state of one bake as it moves through its steps. */
public final class BakeContext {
    final BakeConfig config;
    final Cloud cloud;
    final Progress progress;
    final BuildNames names;
    final Instant started;
    final String versionName;
    final CleanupStack cleanups;
    // Steps run concurrently where they do not depend on each other: what one sets, later ones read.
    volatile ResolvedSource source;
    volatile ImageFacts facts;
    volatile Fingerprint fingerprint;
    volatile GalleryInfo gallery;
    volatile DefinitionInfo definition;
    volatile BuildVm vm;
    /** The build VM's security type, chosen when placement is checked. */
    volatile SecurityType securityType;
    /** The subnet of the build VM: the plugin's own, or an existing one. */
    volatile String subnetId;
    volatile VersionInfo version;
    volatile FileStaging.StagingArea staging;
    /** The fingerprint of each cached layer, in order (empty without layers). */
    volatile java.util.List<Fingerprint> layerFingerprints = java.util.List.of();
    /** The cached layer the build VM starts from; null when it starts from the source image. */
    volatile CachedLayer startLayer;
    /** The OS disk snapshot taken at the end of each layer this bake ran, by layer index. */
    final Map<Integer, String> layerSnapshots = new java.util.concurrent.ConcurrentHashMap<>();
    private java.util.List<Payloads.Payload> payloads;

    BakeContext(BakeConfig config, Cloud cloud, Progress progress, BuildNames names, Instant started,
                CleanupStack cleanups) {
        this.cleanups = cleanups;
        this.config = config;
        this.cloud = cloud;
        this.progress = progress;
        this.names = names;
        this.started = started;
        this.versionName = config.imageVersion().at(started).toString();
    }

    /** The files to copy, prepared once (directories archived under target/azure-image/files). */
    synchronized java.util.List<Payloads.Payload> payloads() {
        if (payloads == null) {
            payloads = Payloads.prepare(config.files(), config.osType(),
                    config.project().buildDir().resolve("azure-image/files"));
        }
        return payloads;
    }

    /** A cached layer's version, found for this bake's inputs up to that layer (index into the cached layers). */
    record CachedLayer(int index, VersionInfo version) {
    }

    /** Whether the script belongs to the cached layer the build VM starts from, or to one before it. */
    boolean inStartLayer(String script) {
        int layer = config.layers().layerOf(script);
        return startLayer != null && layer >= 0 && layer <= startLayer.index();
    }

    /** Whether the bake starts from the cached layer at index or a later one (so layer index is not recorded). */
    boolean startsAtOrAfter(int layer) {
        return startLayer != null && startLayer.index() >= layer;
    }

    /** The id of the version this bake makes (or reuses). */
    GalleryImageVersionId versionId() {
        GalleryTarget g = config.gallery();
        return new GalleryImageVersionId(config.subscriptionId(), g.resourceGroup(), g.name(), config.definition(),
                versionName);
    }

    /** The user's tags with the plugin's own on top, for what the bake creates to keep (gallery, definition). */
    Map<String, String> tags(Map<String, String> own) {
        return config.placement().tagsWith(own);
    }

    /** The tags of the bake's temporary resources: the user's, and the build's, which clean looks for. */
    Map<String, String> resourceTags() {
        return config.placement().tagsWith(TempGroup.ownTags(names.buildId(), config.tempGroupTtl(), createdBy()));
    }

    String createdBy() {
        return "azure-image-maven-plugin " + config.project().groupId() + ":" + config.project().artifactId() + ":"
                + config.project().version();
    }

    String definitionPath() {
        GalleryTarget g = config.gallery();
        return g.resourceGroup() + "/" + g.name() + "/" + config.definition();
    }
}

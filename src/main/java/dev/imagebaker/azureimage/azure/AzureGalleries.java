package dev.imagebaker.azureimage.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.models.GalleryImageInner;
import com.azure.resourcemanager.compute.fluent.models.GalleryImageVersionInner;
import com.azure.resourcemanager.compute.fluent.models.GalleryInner;
import com.azure.resourcemanager.compute.models.Architecture;
import com.azure.resourcemanager.compute.models.GalleryArtifactVersionFullSource;
import com.azure.resourcemanager.compute.models.GalleryDiskImageSource;
import com.azure.resourcemanager.compute.models.GalleryImageFeature;
import com.azure.resourcemanager.compute.models.GalleryImageIdentifier;
import com.azure.resourcemanager.compute.models.GalleryImageVersionPublishingProfile;
import com.azure.resourcemanager.compute.models.GalleryImageVersionStorageProfile;
import com.azure.resourcemanager.compute.models.GalleryOSDiskImage;
import com.azure.resourcemanager.compute.models.HyperVGeneration;
import com.azure.resourcemanager.compute.models.ImagePurchasePlan;
import com.azure.resourcemanager.compute.models.OperatingSystemStateTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.RegionalReplicationStatus;
import com.azure.resourcemanager.compute.models.StorageAccountType;
import com.azure.resourcemanager.compute.models.TargetRegion;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.CloudTimeoutException;
import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.DefinitionRequest;
import dev.imagebaker.azureimage.bake.cloud.Galleries;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.GalleryInfo;
import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.cloud.ProvisioningState;
import dev.imagebaker.azureimage.bake.cloud.PurchasePlan;
import dev.imagebaker.azureimage.bake.cloud.RegionReplication;
import dev.imagebaker.azureimage.bake.cloud.ReplicationState;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.cloud.VersionRequest;
import dev.imagebaker.azureimage.bake.cloud.VersionUpdate;
import dev.imagebaker.azureimage.config.AzureRegions;
import dev.imagebaker.azureimage.config.OsType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Galleries, image definitions and image versions through the compute gallery APIs. */
final class AzureGalleries implements Galleries {
    private static final Duration REPLICATION_POLL = Duration.ofSeconds(30);
    private final ArmClients clients;
    private final ArmReads reads;

    AzureGalleries(ArmClients clients) {
        this.clients = clients;
        this.reads = new ArmReads(clients);
    }

    /** The resource, or empty when Azure answers 404. */
    private static <T> Optional<T> find(Supplier<T> get) {
        try {
            return Optional.ofNullable(get.get());
        } catch (ManagementException e) {
            if (Lro.isNotFound(e)) {
                return Optional.empty();
            }
            throw Lro.translate(e);
        }
    }

    @Override
    public Optional<GalleryInfo> gallery(String resourceGroup, String name) {
        return find(() -> clients.compute().getGalleries().getByResourceGroup(resourceGroup, name))
                .map(g -> new GalleryInfo(g.id(), AzureRegions.normalize(g.location())));
    }

    @Override
    public GalleryInfo createGallery(String resourceGroup, String name, String location, Map<String, String> tags,
                                     Duration timeout) {
        GalleryInner g = Lro.awaitResource(() -> clients.compute().getGalleries().beginCreateOrUpdate(
                resourceGroup, name, new GalleryInner().withLocation(location).withTags(tags)), timeout,
                "Creating gallery " + name, PollSchedule.GALLERY,
                GalleryInner::id, () -> clients.compute().getGalleries().getByResourceGroup(resourceGroup, name));
        return new GalleryInfo(g.id(), AzureRegions.normalize(g.location()));
    }

    @Override
    public Optional<DefinitionInfo> definition(String resourceGroup, String gallery, String name) {
        return find(() -> clients.compute().getGalleryImages().get(resourceGroup, gallery, name))
                .map(AzureGalleries::toInfo);
    }

    private static DefinitionInfo toInfo(GalleryImageInner d) {
        Map<String, String> features = new java.util.LinkedHashMap<>();
        if (d.features() != null) {
            d.features().forEach(f -> features.put(f.name(), f.value()));
        }
        PurchasePlan plan = d.purchasePlan() == null ? null : new PurchasePlan(d.purchasePlan().name(),
                d.purchasePlan().publisher(), d.purchasePlan().product());
        return new DefinitionInfo(d.id(), AzureRegions.normalize(d.location()),
                d.osType() == OperatingSystemTypes.WINDOWS ? OsType.WINDOWS : OsType.LINUX,
                d.osState() == null ? "Generalized" : d.osState().toString(),
                d.hyperVGeneration() == null ? "V1" : d.hyperVGeneration().toString(),
                d.architecture() == null ? "x64" : d.architecture().toString(), features, plan);
    }

    @Override
    public DefinitionInfo createDefinition(DefinitionRequest r, Duration timeout) {
        ImageFacts facts = r.facts();
        GalleryImageInner definition = new GalleryImageInner().withLocation(r.location()).withTags(r.tags())
                .withOsType(facts.osType() == OsType.WINDOWS ? OperatingSystemTypes.WINDOWS : OperatingSystemTypes.LINUX)
                .withOsState(r.specialized() ? OperatingSystemStateTypes.SPECIALIZED
                        : OperatingSystemStateTypes.GENERALIZED)
                .withHyperVGeneration(HyperVGeneration.fromString(facts.hyperVGeneration()))
                .withArchitecture(Architecture.fromString(facts.architecture()))
                .withIdentifier(new GalleryImageIdentifier().withPublisher(r.publisher()).withOffer(r.offer())
                        .withSku(r.sku()))
                .withFeatures(r.features().entrySet().stream().map(f -> new GalleryImageFeature().withName(f.getKey())
                        .withValue(f.getValue())).toList());
        if (facts.plan() != null) {
            definition.withPurchasePlan(new ImagePurchasePlan().withName(facts.plan().name())
                    .withPublisher(facts.plan().publisher()).withProduct(facts.plan().product()));
        }
        return toInfo(Lro.awaitResource(() -> clients.compute().getGalleryImages().beginCreateOrUpdate(
                r.resourceGroup(), r.gallery(), r.name(), definition), timeout, "Creating image definition "
                + r.name(), PollSchedule.GALLERY, GalleryImageInner::id, () -> clients.compute().getGalleryImages()
                .get(r.resourceGroup(), r.gallery(), r.name())));
    }

    @Override
    public Optional<VersionInfo> version(GalleryImageVersionId v) {
        // A plain GET (a no-op rebake's last read), parsed by the SDK's own model.
        return reads.get(v.value(), ArmReads.GALLERY_API, "Reading image version " + v.path())
                .map(json -> toInfo(model(json, v)));
    }

    private static GalleryImageVersionInner model(JsonNode json, GalleryImageVersionId v) {
        try (JsonReader reader = JsonProviders.createReader(json.toString())) {
            return GalleryImageVersionInner.fromJson(reader);
        } catch (java.io.IOException e) {
            throw new CloudException("InvalidResponse", 0, "Unreadable image version " + v.path() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<VersionInfo> versions(String resourceGroup, String gallery, String definition) {
        // A definition (or gallery, or group) that does not exist yet has no versions.
        return find(() -> clients.compute().getGalleryImageVersions()
                .listByGalleryImage(resourceGroup, gallery, definition).stream().map(AzureGalleries::toInfo).toList())
                .orElse(List.of());
    }

    private static VersionInfo toInfo(GalleryImageVersionInner v) {
        GalleryImageVersionPublishingProfile p = v.publishingProfile();
        List<dev.imagebaker.azureimage.config.TargetRegion> regions = new ArrayList<>();
        if (p != null && p.targetRegions() != null) {
            for (TargetRegion r : p.targetRegions()) {
                // Azure answers display names ("West Europe"); the plugin works with canonical names.
                String name = AzureRegions.normalize(r.name());
                regions.add(new dev.imagebaker.azureimage.config.TargetRegion(name,
                        r.regionalReplicaCount() == null ? 1 : r.regionalReplicaCount(),
                        r.storageAccountType() == null ? "Standard_LRS" : r.storageAccountType().toString()));
            }
        }
        return new VersionInfo(GalleryImageVersionId.parse(v.id()), AzureRegions.normalize(v.location()),
                ProvisioningState.of(v.provisioningState() == null ? null : v.provisioningState().toString()),
                p != null && Boolean.TRUE.equals(p.excludeFromLatest()), regions,
                p == null || p.publishedDate() == null ? null : p.publishedDate().toInstant(),
                p == null || p.endOfLifeDate() == null ? null : p.endOfLifeDate().toInstant(),
                v.tags() == null ? Map.of() : Map.copyOf(v.tags()));
    }

    private static List<TargetRegion> toAzure(List<dev.imagebaker.azureimage.config.TargetRegion> targets) {
        List<TargetRegion> regions = new ArrayList<>();
        for (dev.imagebaker.azureimage.config.TargetRegion t : targets) {
            regions.add(new TargetRegion().withName(t.name()).withRegionalReplicaCount(t.replicas())
                    .withStorageAccountType(StorageAccountType.fromString(t.storageAccountType())));
        }
        return regions;
    }

    @Override
    public VersionInfo createVersion(VersionRequest r, Duration timeout) {
        List<TargetRegion> regions = toAzure(r.targetRegions());
        GalleryImageVersionInner version = new GalleryImageVersionInner().withLocation(r.location()).withTags(r.tags())
                .withStorageProfile(storageProfile(r.sourceId()))
                .withPublishingProfile(new GalleryImageVersionPublishingProfile().withTargetRegions(regions)
                        .withExcludeFromLatest(r.excludeFromLatest()));
        GalleryImageVersionId v = r.id();
        return toInfo(Lro.awaitResource(() -> clients.compute().getGalleryImageVersions().beginCreateOrUpdate(
                v.resourceGroup(), v.gallery(), v.definition(), v.version(), version), timeout,
                "Creating image version " + v.version(), PollSchedule.REPLICATION, GalleryImageVersionInner::id,
                () -> clients.compute().getGalleryImageVersions().get(v.resourceGroup(), v.gallery(),
                        v.definition(), v.version())));
    }

    /**
     * A VM is the source itself; a snapshot is the OS disk's image
     * (GalleryImageVersion_Create_WithSnapshotsAsSource.json).
     */
    private static GalleryImageVersionStorageProfile storageProfile(String sourceId) {
        if (sourceId.toLowerCase(java.util.Locale.ROOT).contains("/providers/microsoft.compute/snapshots/")) {
            return new GalleryImageVersionStorageProfile().withOsDiskImage(new GalleryOSDiskImage()
                    .withSource(new GalleryDiskImageSource().withId(sourceId)));
        }
        return new GalleryImageVersionStorageProfile()
                .withSource(new GalleryArtifactVersionFullSource().withVirtualMachineId(sourceId));
    }

    @Override
    public VersionInfo updateVersion(VersionUpdate update, Duration timeout,
                                     Consumer<List<RegionReplication>> onProgress) {
        GalleryImageVersionId v = update.versionId();
        GalleryImageVersionInner inner = Lro.call(() -> clients.compute().getGalleryImageVersions()
                .get(v.resourceGroup(), v.gallery(), v.definition(), v.version()));
        inner.publishingProfile().withTargetRegions(toAzure(update.targetRegions()))
                .withExcludeFromLatest(update.excludeFromLatest())
                .withEndOfLifeDate(update.endOfLifeDate() == null ? null
                        : OffsetDateTime.ofInstant(update.endOfLifeDate(), ZoneOffset.UTC));
        SyncPoller<PollResult<GalleryImageVersionInner>, GalleryImageVersionInner> poller = Lro.call(() ->
                clients.compute().getGalleryImageVersions().beginCreateOrUpdate(v.resourceGroup(), v.gallery(),
                        v.definition(), v.version(), inner));
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            PollResponse<?> response = Lro.call(poller::poll);
            onProgress.accept(replication(update.versionId()));
            if (response.getStatus().isComplete()) {
                if (response.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
                    throw Lro.failed(response, "Publishing image version " + v.version());
                }
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CloudTimeoutException("Replicating image version " + v.version(), timeout);
            }
            ResourceManagerUtils.sleep(REPLICATION_POLL);
        }
        GalleryImageVersionInner updated = Lro.call(poller::getFinalResult);
        if (updated == null || updated.id() == null) {
            updated = Lro.call(() -> clients.compute().getGalleryImageVersions().get(v.resourceGroup(),
                    v.gallery(), v.definition(), v.version()));
        }
        return toInfo(updated);
    }

    @Override
    public void tagVersion(GalleryImageVersionId v, Map<String, String> tags, Duration timeout) {
        GalleryImageVersionInner inner = Lro.call(() -> clients.compute().getGalleryImageVersions()
                .get(v.resourceGroup(), v.gallery(), v.definition(), v.version()));
        Map<String, String> merged = new java.util.LinkedHashMap<>(inner.tags() == null ? Map.of() : inner.tags());
        merged.putAll(tags);
        inner.withTags(merged);
        Lro.awaitDone(() -> clients.compute().getGalleryImageVersions().beginCreateOrUpdate(v.resourceGroup(),
                v.gallery(), v.definition(), v.version(), inner), timeout, "Tagging image version " + v.version(),
                PollSchedule.GALLERY);
    }

    @Override
    public List<RegionReplication> replication(GalleryImageVersionId v) {
        // A plain GET too: publishing an already published version reads nothing else.
        GalleryImageVersionInner inner = model(reads.require(v.value() + "?$expand=ReplicationStatus",
                ArmReads.GALLERY_API, "Reading the replication of image version " + v.path()), v);
        List<RegionReplication> out = new ArrayList<>();
        if (inner.replicationStatus() != null && inner.replicationStatus().summary() != null) {
            for (RegionalReplicationStatus r : inner.replicationStatus().summary()) {
                String name = AzureRegions.normalize(r.region()) == null ? r.region() : AzureRegions.normalize(r.region());
                out.add(new RegionReplication(name, ReplicationState.of(r.state() == null ? null : r.state().toString()),
                        r.progress() == null ? 0 : r.progress(), r.details()));
            }
        }
        return out;
    }

    @Override
    public void deleteVersion(GalleryImageVersionId v, Duration timeout) {
        try {
            Lro.awaitDone(() -> clients.compute().getGalleryImageVersions().beginDelete(v.resourceGroup(),
                    v.gallery(), v.definition(), v.version()), timeout, "Deleting image version " + v.version(),
                    PollSchedule.VM);
        } catch (CloudException e) {
            if (!(e.getCause() instanceof ManagementException m && Lro.isNotFound(m))) {
                throw e;
            }
        }
    }
}

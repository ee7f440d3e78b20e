package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.bake.cloud.BuildVm;
import dev.imagebaker.azureimage.bake.cloud.BuildVmRequest;
import dev.imagebaker.azureimage.bake.cloud.BuildVms;
import dev.imagebaker.azureimage.bake.cloud.Catalog;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.DefinitionRequest;
import dev.imagebaker.azureimage.bake.cloud.ExecutionState;
import dev.imagebaker.azureimage.bake.cloud.FileStaging;
import dev.imagebaker.azureimage.bake.cloud.Galleries;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.GalleryInfo;
import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.cloud.Marketplace;
import dev.imagebaker.azureimage.bake.cloud.Networks;
import dev.imagebaker.azureimage.bake.cloud.ProvisioningState;
import dev.imagebaker.azureimage.bake.cloud.PurchasePlan;
import dev.imagebaker.azureimage.bake.cloud.RegionReplication;
import dev.imagebaker.azureimage.bake.cloud.ReplicationState;
import dev.imagebaker.azureimage.bake.cloud.ResourceGroups;
import dev.imagebaker.azureimage.bake.cloud.RunCommandRequest;
import dev.imagebaker.azureimage.bake.cloud.ScriptLine;
import dev.imagebaker.azureimage.bake.cloud.ScriptLogs;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.cloud.VersionRequest;
import dev.imagebaker.azureimage.bake.cloud.VersionUpdate;
import dev.imagebaker.azureimage.bake.cloud.VmSku;
import dev.imagebaker.azureimage.config.OsType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A fake of bake's interfaces that records every call as a line ("createGroup azimg-...") and fails the first
 * call whose line starts with {@link #failOn}.
 */
public final class FakeCloud implements Marketplace, ResourceGroups, BuildVms, Galleries, FileStaging, Networks,
        Catalog {
    // Steps run side by side (the gallery beside the build VM): the record must take concurrent calls.
    public final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final Map<String, ScriptRun> scriptResults = new HashMap<>();
    /** Every run command, by run name. */
    public final Map<String, RunCommandRequest> requests = new HashMap<>();
    public final Map<String, String> scripts = new HashMap<>();
    public final Map<String, String> uploadedTexts = new HashMap<>();
    public static final String DEFINITIONS = "/subscriptions/s/resourceGroups/images-rg/providers/Microsoft.Compute/galleries"
            + "/corp_images/images/";
    public String failOn;
    public dev.imagebaker.azureimage.config.OsType factsOs = OsType.LINUX;
    public DefinitionInfo existingDefinition;
    public VersionInfo existingVersion;
    /** Versions whose PUT Azure accepted and whose operation then failed: they exist, with the bake's tags. */
    public final Map<String, VersionInfo> failedVersions = new HashMap<>();
    /**
     * A version of the same name that another bake began after this one looked (null: none): createVersion gets
     * Azure's 409 for a second PUT of the name, and the version is there from then on.
     */
    public VersionInfo madeMeanwhile;
    public final List<VersionInfo> existingVersions = new ArrayList<>();
    public final List<BuildVmRequest> vmRequests = new ArrayList<>();
    public final List<DefinitionRequest> definitionRequests = new ArrayList<>();
    public String factsArchitecture = "x64";
    public Map<String, String> factsFeatures = Map.of("SecurityType", "TrustedLaunchSupported");
    public PurchasePlan factsPlan;
    public boolean termsAccepted = true;
    /** The region's sizes, as the Resource SKUs API would list them. */
    public final List<VmSku> sizes = new ArrayList<>(List.of(
            new VmSku("Standard_D2s_v5", "standardDSv5Family", 2, 8, Set.of("V1", "V2"), "x64", true, false, List.of(),
                    4),
            new VmSku("Standard_D4s_v5", "standardDSv5Family", 4, 16, Set.of("V1", "V2"), "x64", true, false,
                    List.of(), 8),
            new VmSku("Standard_A1_v2", "standardAv2Family", 1, 2, Set.of("V1"), "x64", false, false, List.of(),
                    2),
            new VmSku("Standard_D2ps_v5", "standardDPSv5Family", 2, 8, Set.of("V2"), "Arm64", false, false, List.of(),
                    4),
            new VmSku("Standard_E2s_v5", "standardESv5Family", 2, 16, Set.of("V1", "V2"), "x64", true, false,
                    List.of("NotAvailableForSubscription (Location)"), 4)));
    public Optional<SubnetInfo> existingSubnet = Optional.empty();
    public final List<TaggedResource> taggedResources = new ArrayList<>();

    public Cloud cloud() {
        return new Cloud(this, this, this, this, this, this, this, d -> calls.add("pause " + d.toSeconds() + "s"));
    }

    private void call(String line) {
        calls.add(line);
        if (failOn != null && line.startsWith(failOn)) {
            failOn = null;
            throw new CloudException("InternalServerError", 500, "injected failure of " + line);
        }
    }

    public List<String> callsStartingWith(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Override
    public List<String> versions(String location, String publisher, String offer, String sku) {
        call("versions " + sku);
        return List.of("24.04.202409120", "24.04.202411030", "24.04.202410090");
    }

    @Override
    public ImageFacts facts(String location, String publisher, String offer, String sku, String version) {
        call("facts " + version);
        return new ImageFacts(factsOs, "V2", factsArchitecture, factsFeatures, factsPlan);
    }

    @Override
    public boolean exists(String name) {
        call("groupExists " + name);
        return true;
    }

    @Override
    public void create(String name, String location, Map<String, String> tags) {
        call("createGroup " + name);
    }

    @Override
    public void delete(String name, Duration timeout) {
        call("deleteGroup " + name);
    }

    @Override
    public void beginDelete(String name) {
        call("beginDeleteGroup " + name);
    }

    @Override
    public BuildVm create(BuildVmRequest request, Duration timeout) {
        vmRequests.add(request);
        call("createVm " + request.name() + " " + request.imageReference());
        return new BuildVm("/vm/" + request.name(), request.resourceGroup(), request.name());
    }

    @Override
    public ScriptRun runScript(BuildVm vm, RunCommandRequest request, Consumer<ScriptLine> live) {
        call("runScript " + request.name());
        requests.put(request.name(), request);
        scripts.put(request.name(), request.text());
        ScriptRun run = scriptResults.getOrDefault(request.name(), new ScriptRun(ExecutionState.SUCCEEDED, 0, "ok", "",
                "Execution completed"));
        if (request.logs() != null) {
            run.output().lines().forEach(line -> live.accept(new ScriptLine(false, line)));
            run.error().lines().forEach(line -> live.accept(new ScriptLine(true, line)));
        }
        return run;
    }

    @Override
    public void startDetached(BuildVm vm, RunCommandRequest request) {
        call("startDetached " + request.name());
        requests.put(request.name(), request);
        scripts.put(request.name(), request.text());
    }

    @Override
    public void powerOff(BuildVm vm, Duration timeout) {
        call("powerOff " + vm.name());
    }

    @Override
    public void restart(BuildVm vm, Duration timeout) {
        call("restart " + vm.name());
    }

    @Override
    public StagingArea create(String resourceGroup, String location, String accountName, Map<String, String> tags,
                              Duration timeout) {
        call("createStorage " + accountName);
        return new StagingArea(resourceGroup, accountName, "files");
    }

    @Override
    public void upload(StagingArea area, String blobName, java.nio.file.Path file) {
        call("upload " + blobName);
    }

    @Override
    public void uploadText(StagingArea area, String blobName, String text) {
        call("uploadText " + blobName);
        uploadedTexts.put(blobName, text);
    }

    @Override
    public ScriptLogs logs(StagingArea area, String runName, Duration validity) {
        return new ScriptLogs(new dev.imagebaker.azureimage.config.Secret("https://" + area.accountName() + "/logs/"
                + runName + ".out?sig=SECRET-SAS"), new dev.imagebaker.azureimage.config.Secret("https://"
                + area.accountName() + "/logs/" + runName + ".err?sig=SECRET-SAS"));
    }

    @Override
    public dev.imagebaker.azureimage.config.Secret readUrl(StagingArea area, String blobName, Duration validity) {
        call("readUrl " + blobName);
        return new dev.imagebaker.azureimage.config.Secret("https://" + area.accountName() + "/files/" + blobName
                + "?sig=SECRET-SAS");
    }

    @Override
    public void awaitStopped(BuildVm vm, Duration timeout) {
        call("awaitStopped " + vm.name());
    }

    @Override
    public void deallocate(BuildVm vm, Duration timeout) {
        call("deallocate " + vm.name());
    }

    @Override
    public void generalize(BuildVm vm) {
        call("generalize " + vm.name());
    }

    @Override
    public String snapshotOsDisk(BuildVm vm, String snapshotName, Map<String, String> tags, Duration timeout) {
        call("snapshotOsDisk " + vm.name() + " " + snapshotName);
        return "/subscriptions/s/resourceGroups/" + vm.resourceGroup() + "/providers/Microsoft.Compute/snapshots/"
                + snapshotName;
    }

    @Override
    public Optional<GalleryInfo> gallery(String resourceGroup, String name) {
        call("gallery " + name);
        return Optional.of(new GalleryInfo("/galleries/" + name, "westeurope"));
    }

    @Override
    public GalleryInfo createGallery(String resourceGroup, String name, String location, Map<String, String> tags,
                                     Duration timeout) {
        call("createGallery " + name);
        return new GalleryInfo("/galleries/" + name, location);
    }

    @Override
    public Optional<DefinitionInfo> definition(String resourceGroup, String gallery, String name) {
        call("definition " + name);
        return Optional.ofNullable(existingDefinition);
    }

    @Override
    public DefinitionInfo createDefinition(DefinitionRequest request, Duration timeout) {
        call("createDefinition " + request.name() + " " + request.features());
        definitionRequests.add(request);
        ImageFacts facts = request.facts();
        return new DefinitionInfo("/definitions/" + request.name(), request.location(), facts.osType(), "Generalized",
                facts.hyperVGeneration(), facts.architecture(), request.features(), facts.plan());
    }

    @Override
    public Optional<VersionInfo> version(GalleryImageVersionId id) {
        call("version " + id.version());
        if (madeMeanwhile != null && !callsStartingWith("createVersion").isEmpty()) {
            return Optional.of(madeMeanwhile).filter(v -> v.name().equals(id.version()));
        }
        if (failedVersions.containsKey(id.version())) {
            return Optional.of(failedVersions.get(id.version()));
        }
        return Optional.ofNullable(existingVersion).filter(v -> v.name().equals(id.version()));
    }

    @Override
    public List<VersionInfo> versions(String resourceGroup, String gallery, String definition) {
        call("listVersions " + definition);
        return existingVersions;
    }

    @Override
    public VersionInfo createVersion(VersionRequest request, Duration timeout) {
        if (madeMeanwhile != null) {
            calls.add("createVersion " + request.id().version());
            throw new CloudException("PropertyChangeNotAllowed", 409,
                    "Changing property 'storageProfile.source' is not allowed.");
        }
        try {
            call("createVersion " + request.id().version());
        } catch (CloudException e) {
            failedVersions.put(request.id().version(), new VersionInfo(request.id(), request.location(),
                    ProvisioningState.FAILED, request.excludeFromLatest(), request.targetRegions(),
                    java.time.Instant.now(), null, request.tags()));
            throw e;
        }
        return new VersionInfo(request.id(), request.location(), ProvisioningState.SUCCEEDED,
                request.excludeFromLatest(), request.targetRegions(), java.time.Instant.now(), null, request.tags());
    }

    @Override
    public VersionInfo updateVersion(VersionUpdate update, Duration timeout,
                                     java.util.function.Consumer<List<RegionReplication>> onProgress) {
        call("updateVersion " + update.versionId().version());
        onProgress.accept(replication(update.versionId()));
        return new VersionInfo(update.versionId(), "westeurope", ProvisioningState.SUCCEEDED,
                update.excludeFromLatest(), update.targetRegions(), java.time.Instant.now(), update.endOfLifeDate(),
                Map.of());
    }

    @Override
    public void tagVersion(GalleryImageVersionId id, Map<String, String> tags, Duration timeout) {
        call("tagVersion " + tags);
    }

    @Override
    public List<GroupInfo> listTagged(String tagName) {
        call("listTagged " + tagName);
        return List.of();
    }

    @Override
    public List<RegionReplication> replication(GalleryImageVersionId id) {
        return List.of(new RegionReplication("westeurope", ReplicationState.COMPLETED, 100, null));
    }

    @Override
    public void deleteVersion(GalleryImageVersionId id, Duration timeout) {
        call("deleteVersion " + id.version());
    }

    @Override
    public Optional<String> serialLog(BuildVm vm, int lines) {
        call("serialLog " + vm.name());
        return Optional.of("[  OK  ] Reached target Multi-User System.");
    }

    @Override
    public String createBuildNetwork(String resourceGroup, String location, String name, boolean withNat,
                                     Map<String, String> tags, Duration timeout) {
        call("createNetwork " + name + (withNat ? " nat" : " no-nat"));
        return "/subscriptions/s/resourceGroups/" + resourceGroup + "/providers/Microsoft.Network/virtualNetworks/"
                + name + "-vnet/subnets/build";
    }

    @Override
    public Optional<SubnetInfo> subnet(String subnetId) {
        call("subnet " + subnetId);
        return existingSubnet;
    }

    @Override
    public Set<String> regions() {
        call("regions");
        return Set.of("westeurope", "northeurope", "eastus", "qatarcentral");
    }

    @Override
    public List<VmSku> vmSizes(String location) {
        call("vmSizes " + location);
        return sizes;
    }

    @Override
    public boolean termsAccepted(PurchasePlan plan) {
        call("terms " + plan.name());
        return termsAccepted;
    }

    @Override
    public List<TaggedResource> listTaggedResources(String group, String tagName) {
        call("listTaggedResources " + group);
        return taggedResources;
    }

    @Override
    public void deleteTaggedResources(String group, String tagName, String tagValue, Duration timeout) {
        call("deleteTaggedResources " + group + " " + tagValue);
    }
}

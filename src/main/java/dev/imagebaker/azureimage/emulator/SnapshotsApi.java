package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.UUID;

/**
 * Managed snapshots (DiskRP 2025-01-02 snapshot.json, the api-version the SDK's SnapshotsClient sends): PUT,
 * long-running, answering 202 with provisioningState Updating as Snapshot_Create_FromAnExistingSnapshot.json
 * does; GET, list by group and subscription, and a long-running DELETE. The emulator copies a managed disk or
 * another snapshot (createOption Copy). A snapshot is an independent full copy: it takes the source's OS type,
 * generation, size, plan and architecture (Snapshot_Get.json), and in private state what the emulator knows of the
 * guest on it ({@link GuestFacts}); deleting the source later leaves it whole.
 */
final class SnapshotsApi implements ResourceApi {
    static final ResourcePath SNAPSHOTS = ResourcePath.inGroup("Microsoft.Compute/snapshots", "snapshot");
    private final CloudState cloud;

    SnapshotsApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("PUT", SNAPSHOTS.item(), this::put);
        new ResourceRoutes(cloud, SNAPSHOTS).listedPerSubscription().deletedAfter(Latency.SNAPSHOT_DELETE)
                .register(router);
    }

    private ArmResponse put(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = SNAPSHOTS.id(p);
        ObjectNode request = req.body();
        String location = cloud.requireLocation(request, "Microsoft.Compute/snapshots");
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            return update(req, existing, request);
        }
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        if (!(props.get("creationData") instanceof ObjectNode creation)) {
            // creationData is the one required property of SnapshotProperties.
            throw ArmException.invalidParameter("Required parameter 'creationData' is missing (null).",
                    "creationData");
        }
        String option = AzureEnums.normalize(creation, "createOption", AzureEnums.DISK_CREATE_OPTIONS,
                "creationData.createOption", null);
        if (!"Copy".equals(option)) {
            throw ArmException.invalidParameter("The emulator creates snapshots by copying a managed disk or a"
                    + " snapshot (createOption Copy), not '" + option + "'.", "creationData.createOption");
        }
        Resource source = source(creation, location);
        ObjectNode sku = Json.with(body, "sku");
        // Absent, Standard_LRS: SnapshotSku's first value, and what az snapshot create sends (Azure/azure-cli #9233).
        String skuName = AzureEnums.normalize(sku, "name", AzureEnums.SNAPSHOT_STORAGE, "sku.name", "Standard_LRS");
        sku.put("tier", skuName.startsWith("Premium") ? "Premium" : "Standard");
        ObjectNode facts = copyFrom(source, props, creation);
        boolean incremental = props.path("incremental").asBoolean(false);
        props.put("incremental", incremental);
        if (incremental) {
            // Incremental snapshots of one disk share a family id (snapshot.json, incrementalSnapshotFamilyId).
            props.put("incrementalSnapshotFamilyId", UUID.nameUUIDFromBytes(creation.path("sourceUniqueId")
                    .asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        }
        props.put("uniqueId", UUID.randomUUID().toString());
        props.put("timeCreated", cloud.clock.now().toString());
        props.put("diskState", "Unattached");
        props.put("networkAccessPolicy", props.path("networkAccessPolicy").asText("AllowAll"));
        props.put("publicNetworkAccess", props.path("publicNetworkAccess").asText("Enabled"));
        Json.with(props, "encryption").put("type", "EncryptionAtRestWithPlatformKey");
        props.put("provisioningState", "Updating");
        ObjectNode state = Json.object();
        state.set("guest", facts);
        state.put("source", source.id.value());
        cloud.inventory.put(new Resource(id, body, state));
        Operations.Op op = cloud.start(req, id, location, cloud.clock.after(Latency.SNAPSHOT_CREATE),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, 202, body, true);
    }

    /**
     * The disk or snapshot to copy. DiskRP looks for it in the snapshot's region: a source that is missing, or in
     * another region, is 404 NotFound "Resource {name} is not found." (Azure/azure-cli #11909, #16385: a Copy into
     * another region; Azure/azure-cli-extensions #4542); another region needs CopyStart.
     */
    private Resource source(ObjectNode creation, String location) {
        String sourceId = creation.path("sourceResourceId").asText(null);
        if (sourceId == null || sourceId.isBlank()) {
            throw ArmException.invalidParameter("Required parameter 'creationData.sourceResourceId' is missing"
                    + " (null).", "creationData.sourceResourceId");
        }
        ResourceId rid = new ResourceId(sourceId.startsWith("/") ? sourceId : "/" + sourceId);
        Resource source = cloud.inventory.get(rid);
        String type = source == null ? "" : source.id.type().toLowerCase(Locale.ROOT);
        boolean copyable = type.equals("microsoft.compute/disks") || type.equals("microsoft.compute/snapshots");
        if (source == null || !copyable || !location.equals(source.location())) {
            throw new ArmException(404, "NotFound", "Resource " + rid.name() + " is not found.");
        }
        return source;
    }

    /** Copies what the snapshot takes from its source into props; returns the guest's facts for private state. */
    private ObjectNode copyFrom(Resource source, ObjectNode props, ObjectNode creation) {
        JsonNode from = source.properties();
        boolean isDisk = source.id.type().equalsIgnoreCase("Microsoft.Compute/disks");
        ObjectNode facts = isDisk ? GuestFacts.ofDisk(cloud, source) : source.state.path("guest").deepCopy();
        if (!(facts instanceof ObjectNode)) {
            facts = Json.object();
        }
        String uniqueId = isDisk ? diskUniqueId(source) : from.path("uniqueId").asText();
        creation.put("sourceUniqueId", uniqueId);
        for (String field : new String[] {"osType", "hyperVGeneration", "purchasePlan"}) {
            if (from.hasNonNull(field)) {
                props.set(field, from.get(field).deepCopy());
            }
        }
        if (!props.has("purchasePlan") && facts.hasNonNull("plan")) {
            props.set("purchasePlan", facts.get("plan").deepCopy());
        }
        if (facts.hasNonNull("architecture")) {
            Json.with(props, "supportedCapabilities").put("architecture", facts.get("architecture").asText());
        }
        String securityType = facts.path("securityType").asText(SecurityTypes.STANDARD);
        if (!SecurityTypes.STANDARD.equals(securityType)) {
            Json.with(props, "securityProfile").put("securityType", securityType);
        }
        int size = from.path("diskSizeGB").asInt(ImageSource.DEFAULT_OS_DISK_GB);
        props.put("diskSizeGB", size);
        props.put("diskSizeBytes", size * 1024L * 1024L * 1024L);
        return (ObjectNode) facts;
    }

    /** A disk's uniqueId, made now for a disk restored from an older state file. */
    private static String diskUniqueId(Resource disk) {
        if (!disk.state.hasNonNull("uniqueId")) {
            disk.state.put("uniqueId", UUID.randomUUID().toString());
        }
        return disk.state.get("uniqueId").asText();
    }

    /** A PUT on an existing snapshot changes its tags; its source never changes. Long-running, 200. */
    private ArmResponse update(ArmRequest req, Resource snapshot, ObjectNode request) {
        String source = Json.text(request, "properties.creationData.sourceResourceId");
        if (source != null && !new ResourceId(source.startsWith("/") ? source : "/" + source)
                .sameAs(snapshot.state.path("source").asText())) {
            throw new ArmException(409, "PropertyChangeNotAllowed",
                    "Changing property 'creationData' is not allowed.", "creationData", null);
        }
        if (request.get("tags") instanceof ObjectNode tags) {
            snapshot.body.set("tags", tags.deepCopy());
        }
        ObjectNode props = snapshot.properties();
        props.put("provisioningState", "Updating");
        Operations.Op op = cloud.start(req, snapshot.id, snapshot.location(), cloud.clock.after(Latency.SNAPSHOT_UPDATE),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, 200, snapshot.body, true);
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Gallery image versions, with Azure's rules: a version is Major.Minor.Patch of 32-bit integers, is created in
 * the region of its source (a VM, a managed image, a version or snapshots, see {@link SnapshotSources}) and must
 * match its definition (OS type, OS state, Hyper-V
 * generation, architecture); its source never changes; its end of life is in the future. Creating or updating
 * one completes when {@link Replication} has reached every target region.
 */
final class GalleryImageVersionsApi implements ResourceApi {
    private static final ResourcePath VERSIONS = GalleriesApi.DEFINITIONS.child("versions", "version");
    private static final Pattern VERSION_NAME = Pattern.compile("^(\\d{1,10})\\.(\\d{1,10})\\.(\\d{1,10})$");
    private final CloudState cloud;
    private final Replication replication;

    GalleryImageVersionsApi(CloudState cloud) {
        this.cloud = cloud;
        this.replication = new Replication(cloud.clock);
    }

    @Override
    public void register(Router router) {
        router.add("PUT", VERSIONS.item(), (req, p) -> putVersion(req, p, false));
        router.add("PATCH", VERSIONS.item(), (req, p) -> putVersion(req, p, true));
        new ResourceRoutes(cloud, VERSIONS).view(this::withReplicationStatus).deletedAfter(Latency.IMAGE_VERSION_DELETE)
                .markedDeleting().register(router);
    }

    private ArmResponse putVersion(ArmRequest req, Router.Params p, boolean patch) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = VERSIONS.id(p);
        requireVersionName(id.name());
        Resource definition = cloud.requireParent(id);
        ObjectNode request = req.body();
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            return updateVersion(req, existing, request);
        }
        if (patch) {
            throw ArmException.notFound(id.type(), id.name(), id.resourceGroup());
        }
        String location = cloud.requireLocation(request, "Microsoft.Compute/galleries/images/versions");
        GalleriesApi.requireSameLocation(definition, location);
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        String sourceId = sourceId(props.path("storageProfile"));
        if (sourceId == null) {
            throw ArmException.invalidParameter("Required parameter 'storageProfile.source' is missing (null).",
                    "storageProfile.source");
        }
        Resource source = cloud.inventory.get(sourceId);
        if (source == null) {
            throw ArmException.invalidParameter("The source resource '" + sourceId + "' was not found.",
                    "storageProfile.source");
        }
        ImageSource captured = checkSource(source, definition, location);
        if (SnapshotSources.osDiskSource(props.path("storageProfile")) != null) {
            captured = captured.withDisks(captured.osDiskSizeGB(),
                    SnapshotSources.dataDisks(cloud, props.path("storageProfile"), location));
        }
        ObjectNode profile = Json.with(props, "publishingProfile");
        String endOfLife = profile.path("endOfLifeDate").asText(null);
        requireFutureEndOfLife(endOfLife);
        profile.put("publishedDate", cloud.clock.now().toString());
        profile.put("excludeFromLatest", profile.path("excludeFromLatest").asBoolean(false));
        VersionDefaults.publishing(profile);
        VersionDefaults.storage(Json.with(props, "storageProfile"), captured);
        VersionDefaults.safety(Json.with(props, "safetyProfile"));
        ObjectNode state = Json.object();
        state.put("deprovisioned", captured.deprovisioned());
        state.put("source", source.id.value());
        ObjectNode guest = guest(source);
        state.set("guest", guest);
        JsonNode plan = source.state.hasNonNull("plan") ? source.state.get("plan") : guest.get("plan");
        if (plan != null && !plan.isNull()) {
            // A version of a marketplace image with a plan needs that plan on every VM made from it.
            state.set("plan", plan.deepCopy());
        }
        Resource version = new Resource(id, body, state);
        Instant due = replication.schedule(version, Replication.targetRegions(profile, location), location);
        props.put("provisioningState", "Creating");
        cloud.inventory.put(version);
        Operations.Op op = cloud.start(req, id, location, due, new Operations.Completion() {
            @Override
            public JsonNode succeed() {
                props.put("provisioningState", "Succeeded");
                return null;
            }

            @Override
            public void fail(ArmError error) {
                props.put("provisioningState", "Failed");
                replication.fail(version);
            }
        });
        return cloud.accepted(req, op, 201, body, false);
    }

    /**
     * The source's id: storageProfile.source (a VM, managed image or version), else the OS disk's snapshot
     * (storageProfile.osDiskImage.source.id, GalleryImageVersion_Create_WithSnapshotsAsSource.json).
     */
    private static String sourceId(JsonNode storageProfile) {
        JsonNode source = storageProfile.path("source");
        String id = source.path("virtualMachineId").asText(source.path("id").asText(null));
        return id != null ? id : SnapshotSources.osDiskSource(storageProfile);
    }

    /** The facts of the captured guest a specialized VM from this version will boot as; none for a managed image. */
    private ObjectNode guest(Resource source) {
        if (source.id.type().equalsIgnoreCase("Microsoft.Compute/virtualMachines")) {
            return GuestFacts.ofVm(source);
        }
        return SnapshotSources.guest(cloud, source);
    }

    private static void requireVersionName(String name) {
        var m = VERSION_NAME.matcher(name);
        boolean ok = m.matches();
        for (int i = 1; ok && i <= 3; i++) {
            ok = Long.parseLong(m.group(i)) <= Integer.MAX_VALUE;
        }
        if (!ok) {
            throw ArmException.invalidParameter("The image version name '" + name + "' is invalid. The image"
                    + " version name should follow Major(int).Minor(int).Patch(int) format, where int is between 0"
                    + " and 2,147,483,647 (inclusive). e.g: 1.0.0, 2018.12.1 etc.", "galleryImageVersionName");
        }
    }

    private void requireFutureEndOfLife(String endOfLife) {
        if (endOfLife == null) {
            return;
        }
        try {
            if (!OffsetDateTime.parse(endOfLife).toInstant().isAfter(cloud.clock.now())) {
                throw ArmException.invalidParameter("The end of life date '" + endOfLife + "' must be in the future.",
                        "publishingProfile.endOfLifeDate");
            }
        } catch (DateTimeParseException e) {
            throw ArmException.invalidParameter("The end of life date '" + endOfLife + "' is not a date-time.",
                    "publishingProfile.endOfLifeDate");
        }
    }

    /** A version must match its definition; a VM source must be generalized and deallocated for a generalized one. */
    private ImageSource checkSource(Resource source, Resource definition, String location) {
        JsonNode def = definition.properties();
        String type = source.id.type();
        ImageSource captured;
        if (type.equalsIgnoreCase("Microsoft.Compute/virtualMachines")) {
            boolean generalized = source.state.path("generalized").asBoolean();
            boolean wantGeneralized = "Generalized".equalsIgnoreCase(def.path("osState").asText());
            if (wantGeneralized && !generalized) {
                throw ArmException.operationNotAllowed("The source virtual machine " + source.id + " is not"
                        + " generalized, but the gallery image " + definition.id + " is Generalized. Deprovision the"
                        + " guest, deallocate the VM and mark it generalized before capturing it.");
            }
            if (!wantGeneralized && generalized) {
                throw ArmException.operationNotAllowed("The source virtual machine " + source.id + " is generalized,"
                        + " but the gallery image " + definition.id + " is Specialized.");
            }
            if (wantGeneralized && VmState.power(source) != PowerState.DEALLOCATED) {
                throw ArmException.operationNotAllowed("The source virtual machine " + source.id + " must be"
                        + " deallocated before it is captured.");
            }
            requireSecurityTypeFits(source, definition);
            captured = new ImageSource(source.state.path("osType").asText(),
                    source.state.path("hyperVGeneration").asText(), source.state.path("architecture").asText(),
                    source.state.path("deprovisioned").asBoolean(), "virtual machine " + source.id)
                    .withDisks(source.properties().path("storageProfile").path("osDisk").path("diskSizeGB")
                            .asInt(ImageSource.DEFAULT_OS_DISK_GB), DataDisks.galleryImagesOfVm(source));
        } else if (SnapshotSources.isDiskSource(source)) {
            captured = SnapshotSources.osDisk(cloud, source);
        } else if (type.equalsIgnoreCase("Microsoft.Compute/galleries/images/versions")) {
            return versionSource(source, definition, location);
        } else if (type.equalsIgnoreCase("Microsoft.Compute/images")) {
            if (!"Generalized".equalsIgnoreCase(def.path("osState").asText())) {
                throw ArmException.operationNotAllowed("A managed image is generalized; the gallery image "
                        + definition.id + " is Specialized.");
            }
            captured = new ImageSource(source.state.path("osType").asText(),
                    source.state.path("hyperVGeneration").asText(), source.state.path("architecture").asText("x64"),
                    source.state.path("deprovisioned").asBoolean(), "managed image " + source.id)
                    .withDisks(source.properties().path("storageProfile").path("osDisk").path("diskSizeGB")
                            .asInt(ImageSource.DEFAULT_OS_DISK_GB), DataDisks.galleryImagesOfImage(source));
        } else {
            throw ArmException.invalidParameter("The source " + source.id + " is neither a virtual machine, a"
                    + " managed image, a snapshot nor a gallery image version.", "storageProfile.source");
        }
        requireSourceRegion(source, location, "storageProfile.source");
        mustMatch(source, definition, "OS type", captured.osType(), def.path("osType").asText());
        mustMatch(source, definition, "Hypervisor generation", captured.hyperVGeneration(),
                def.path("hyperVGeneration").asText("V1"));
        mustMatch(source, definition, "architecture", captured.architecture(), def.path("architecture").asText("x64"));
        return captured;
    }

    /** A version is made in the region of each of its sources (the OS disk's and the data disks'). */
    static void requireSourceRegion(Resource source, String location, String target) {
        if (!location.equals(source.location())) {
            throw ArmException.invalidParameter("The source " + source.id + " is in region '" + source.location()
                    + "'; the gallery image version must be created in the region of its source, not in '"
                    + location + "'.", target);
        }
    }

    /**
     * Another gallery image version as the source (GalleryImageVersion_Create_WithImageVersionAsSource.json): it
     * must have finished provisioning and have a replica in this version's region, and its definition must match
     * this one's OS type, OS state, Hyper-V generation and architecture; its disks are copied.
     */
    private ImageSource versionSource(Resource source, Resource definition, String location) {
        if (!"Succeeded".equals(source.properties().path("provisioningState").asText())
                || !replication.replicatedTo(source, location)) {
            throw ArmException.invalidParameter("The source gallery image version " + source.id + " is not"
                    + " available in region '" + location + "'.", "storageProfile.source");
        }
        JsonNode from = cloud.inventory.get(source.id.parent()).properties();
        JsonNode def = definition.properties();
        mustMatch(source, definition, "OS type", from.path("osType").asText(), def.path("osType").asText());
        mustMatch(source, definition, "OS state", from.path("osState").asText(), def.path("osState").asText());
        mustMatch(source, definition, "Hypervisor generation", from.path("hyperVGeneration").asText("V1"),
                def.path("hyperVGeneration").asText("V1"));
        mustMatch(source, definition, "architecture", from.path("architecture").asText("x64"),
                def.path("architecture").asText("x64"));
        JsonNode storage = source.properties().path("storageProfile");
        return new ImageSource(from.path("osType").asText(), from.path("hyperVGeneration").asText("V1"),
                from.path("architecture").asText("x64"), source.state.path("deprovisioned").asBoolean(),
                "gallery image version " + source.id)
                .withDisks(storage.path("osDiskImage").path("sizeInGB").asInt(ImageSource.DEFAULT_OS_DISK_GB),
                        storage.path("dataDiskImages").deepCopy());
    }

    /**
     * Rule 8: a "...Supported" definition takes no VM source (packer-plugin-azure #304); a Trusted Launch VM goes
     * only into a TrustedLaunch definition, a ConfidentialVM one only into a ConfidentialVM definition, and a
     * Standard VM into neither (acd trusted-launch-portal.md). Only the first message is Azure's own.
     */
    private static void requireSecurityTypeFits(Resource vm, Resource definition) {
        String wanted = SecurityTypes.of(definition.properties().get("features"));
        if (SecurityTypes.isSupportedKind(wanted)) {
            throw ArmException.invalidParameter("The security type '" + wanted + "' is not supported for the source"
                    + " id '" + vm.id + "'. Currently only Vhd Blob, User Image and Gallery Image Version sources are"
                    + " supported for '" + wanted + "' images.", "storageProfile.source");
        }
        String vmType = vm.state.path("securityType").asText(SecurityTypes.STANDARD);
        String required = SecurityTypes.requiredBy(wanted);
        boolean fits = required == null ? vmType.equals(SecurityTypes.STANDARD) : required.equals(vmType);
        if (!fits) {
            throw ArmException.invalidParameter("The source id '" + vm.id + "' is a virtual machine with security"
                    + " type '" + vmType + "'; the gallery image " + definition.id + " has security type '"
                    + (wanted == null ? SecurityTypes.STANDARD : wanted) + "'. A VM is captured only into a gallery"
                    + " image of its own security type.", "storageProfile.source");
        }
    }

    private static void mustMatch(Resource source, Resource definition, String what, String actual, String expected) {
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ArmException(409, "Conflict", "The resource with id '" + source.id + "' has a different "
                    + what + " ['" + actual + "'] than the parent gallery image " + what + " ['" + expected + "'].");
        }
    }

    /** PUT or PATCH of an existing version: target regions, exclusion from latest, end of life and tags. */
    private ArmResponse updateVersion(ArmRequest req, Resource version, ObjectNode request) {
        if ("Creating".equals(version.properties().path("provisioningState").asText())
                || "Updating".equals(version.properties().path("provisioningState").asText())) {
            throw new ArmException(409, "OperationNotAllowed", "The gallery image version " + version.id
                    + " is being " + version.properties().path("provisioningState").asText().toLowerCase(Locale.ROOT)
                    + ". Retry after the operation completes.");
        }
        String newSource = sourceId(request.path("properties").path("storageProfile"));
        if (newSource != null && !new ResourceId(newSource).sameAs(version.state.path("source").asText())) {
            throw new ArmException(409, "PropertyChangeNotAllowed",
                    "Changing property 'storageProfile.source' is not allowed.", "storageProfile.source", null);
        }
        if (request.has("tags")) {
            version.body.set("tags", request.get("tags").deepCopy());
        }
        ObjectNode profile = Json.with(version.properties(), "publishingProfile");
        JsonNode changes = request.path("properties").path("publishingProfile");
        if (changes.has("endOfLifeDate")) {
            requireFutureEndOfLife(changes.path("endOfLifeDate").asText(null));
            profile.set("endOfLifeDate", changes.get("endOfLifeDate"));
        }
        if (changes.has("excludeFromLatest")) {
            profile.put("excludeFromLatest", changes.get("excludeFromLatest").asBoolean());
        }
        if (changes.has("replicaCount")) {
            ObjectNode candidate = Json.object().put("replicaCount", changes.get("replicaCount").asInt());
            VersionDefaults.publishing(candidate);
            profile.put("replicaCount", candidate.get("replicaCount").asInt());
        }
        if (request.path("properties").get("safetyProfile") instanceof ObjectNode safety) {
            ObjectNode current = Json.with(version.properties(), "safetyProfile");
            for (String field : List.of("allowDeletionOfReplicatedLocations", "blockDeletionBeforeEndOfLife")) {
                if (safety.has(field)) {
                    current.put(field, safety.get(field).asBoolean());
                }
            }
        }
        Instant due = cloud.clock.after(Latency.IMAGE_VERSION_UPDATE);
        if (changes.has("targetRegions")) {
            ObjectNode candidate = profile.deepCopy();
            candidate.set("targetRegions", changes.get("targetRegions").deepCopy());
            List<String> regions = Replication.targetRegions(candidate, version.location());
            profile.set("targetRegions", candidate.get("targetRegions"));
            Instant replicated = replication.schedule(version, regions, version.location());
            due = replicated.isAfter(due) ? replicated : due;
        }
        ObjectNode props = version.properties();
        props.put("provisioningState", "Updating");
        Operations.Op op = cloud.start(req, version.id, version.location(), due, CloudState.provisioning(props));
        return cloud.accepted(req, op, 200, version.body, false);
    }

    /** GET with $expand=ReplicationStatus carries each target region's replication progress. */
    private JsonNode withReplicationStatus(ArmRequest req, Resource version) {
        if (!req.expands("ReplicationStatus")) {
            return version.body;
        }
        ObjectNode body = version.body.deepCopy();
        Json.with(body, "properties").set("replicationStatus", replication.status(version));
        return body;
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Azure Compute Galleries, their image definitions and image versions, with Azure's rules: gallery names have
 * no hyphens; a version is Major.Minor.Patch of 32-bit integers and must match its definition (OS type, OS
 * state, Hyper-V generation, architecture); target regions include the source region; nested resources block
 * the deletion of their parent. Versions replicate region by region over time.
 */
final class GalleriesApi implements ResourceApi {
    static final ResourcePath GALLERIES = ResourcePath.inGroup("Microsoft.Compute/galleries", "gallery");
    static final ResourcePath DEFINITIONS = GALLERIES.child("images", "image");
    static final ResourcePath VERSIONS = DEFINITIONS.child("versions", "version");
    private static final Pattern GALLERY_NAME = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9._]{0,78}[A-Za-z0-9])?$");
    private static final Pattern IMAGE_NAME = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9._]{0,78}[A-Za-z0-9])?$");
    private static final Pattern VERSION_NAME = Pattern.compile("^(\\d{1,10})\\.(\\d{1,10})\\.(\\d{1,10})$");
    private static final List<String> STORAGE_TYPES = List.of("Standard_LRS", "Standard_ZRS", "Premium_LRS");
    private final CloudState cloud;

    GalleriesApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("PUT", GALLERIES.item(), this::putGallery);
        new ResourceRoutes(cloud, GALLERIES).listedPerSubscription().deletedAfter(Latency.GALLERY_DELETE)
                .refuseDelete(gallery -> refuseWhileNested(gallery, "images")).register(router);
        router.add("PUT", DEFINITIONS.item(), this::putImage);
        new ResourceRoutes(cloud, DEFINITIONS).deletedAfter(Latency.GALLERY_IMAGE_DELETE)
                .refuseDelete(definition -> refuseWhileNested(definition, "versions")).register(router);
        router.add("PUT", VERSIONS.item(), (req, p) -> putVersion(req, p, false));
        router.add("PATCH", VERSIONS.item(), (req, p) -> putVersion(req, p, true));
        new ResourceRoutes(cloud, VERSIONS).view(this::withReplicationStatus).deletedAfter(Latency.IMAGE_VERSION_DELETE)
                .markedDeleting().register(router);
    }

    private ArmResponse putGallery(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = GALLERIES.id(p);
        if (!GALLERY_NAME.matcher(id.name()).matches()) {
            throw ArmException.invalidParameter("The gallery name '" + id.name() + "' is invalid. Azure compute"
                    + " gallery names contain only English letters, numbers, underscores and periods (no hyphens),"
                    + " do not begin or end with an underscore or a period, and have at most 80 characters.",
                    "galleryName");
        }
        ObjectNode request = req.body();
        String location = cloud.requireLocation(request, "Microsoft.Compute/galleries");
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            requireSameLocation(existing, location);
            mergeUpdatable(existing, request, "description");
            return ArmResponse.ok(existing.body);
        }
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        Json.with(props, "identifier").put("uniqueName", id.subscription() + "-" + id.name().toUpperCase(Locale.ROOT));
        return created(req, new Resource(id, body, Json.object()), Latency.GALLERY_WRITE);
    }

    private ArmResponse putImage(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = DEFINITIONS.id(p);
        if (!IMAGE_NAME.matcher(id.name()).matches()) {
            throw ArmException.invalidParameter("The gallery image name '" + id.name() + "' is invalid. It may"
                    + " contain English letters, numbers, hyphens, underscores and periods, must begin and end with a"
                    + " letter or number, and have at most 80 characters.", "galleryImageName");
        }
        Resource gallery = cloud.requireParent(id);
        ObjectNode request = req.body();
        String location = cloud.requireLocation(request, "Microsoft.Compute/galleries/images");
        requireSameLocation(gallery, location);
        ObjectNode props = (ObjectNode) request.path("properties");
        if (props.isMissingNode()) {
            throw ArmException.invalidParameter("Required parameter 'properties' is missing (null).", "properties");
        }
        String osType = enumValue(props, "osType", List.of("Linux", "Windows"), null);
        String osState = enumValue(props, "osState", List.of("Generalized", "Specialized"), null);
        String generation = enumValue(props, "hyperVGeneration", List.of("V1", "V2"), "V1");
        String architecture = enumValue(props, "architecture", List.of("x64", "Arm64"), "x64");
        for (String part : List.of("publisher", "offer", "sku")) {
            String value = Json.text(props, "identifier." + part);
            if (value == null || value.isBlank()) {
                throw ArmException.invalidParameter("Required parameter 'identifier." + part
                        + "' is missing (null).", "identifier." + part);
            }
        }
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            ObjectNode current = existing.properties();
            for (String immutable : List.of("osType", "osState", "hyperVGeneration", "architecture")) {
                String now = current.path(immutable).asText();
                String wanted = switch (immutable) {
                    case "osType" -> osType;
                    case "osState" -> osState;
                    case "hyperVGeneration" -> generation;
                    default -> architecture;
                };
                if (!now.equalsIgnoreCase(wanted)) {
                    throw new ArmException(409, "PropertyChangeNotAllowed", "Changing property '" + immutable
                            + "' is not allowed.", immutable, null);
                }
            }
            mergeUpdatable(existing, request, "description", "endOfLifeDate", "recommended", "eula");
            return ArmResponse.ok(existing.body);
        }
        for (Resource sibling : cloud.inventory.children(gallery.id, "images")) {
            if (sameIdentifier(sibling.properties().path("identifier"), props.path("identifier"))) {
                throw new ArmException(409, "Conflict", "Gallery image " + sibling.id + " already uses the identifier"
                        + " (publisher, offer, sku) of '" + id.name() + "'. Identifiers are unique in a gallery.");
            }
        }
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode bp = Json.with(body, "properties");
        bp.put("osType", osType);
        bp.put("osState", osState);
        bp.put("hyperVGeneration", generation);
        bp.put("architecture", architecture);
        return created(req, new Resource(id, body, Json.object()), Latency.GALLERY_IMAGE_WRITE);
    }

    private static boolean sameIdentifier(JsonNode a, JsonNode b) {
        return List.of("publisher", "offer", "sku").stream()
                .allMatch(k -> a.path(k).asText().equalsIgnoreCase(b.path(k).asText()));
    }

    private static String enumValue(JsonNode props, String field, List<String> allowed, String fallback) {
        String value = props.path(field).asText(null);
        if (value == null) {
            if (fallback == null) {
                throw ArmException.invalidParameter("Required parameter '" + field + "' is missing (null).", field);
            }
            return fallback;
        }
        return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ArmException.invalidParameter("The value '" + value + "' of parameter '" + field
                        + "' is not allowed. Allowed values are: " + String.join(", ", allowed) + ".", field));
    }

    private void requireSameLocation(Resource parent, String location) {
        if (!location.equals(parent.location())) {
            throw ArmException.invalidParameter("The location '" + location + "' does not match the location '"
                    + parent.location() + "' of " + parent.id + ".", "location");
        }
    }

    private static void mergeUpdatable(Resource existing, ObjectNode request, String... fields) {
        if (request.has("tags")) {
            existing.body.set("tags", request.get("tags").deepCopy());
        }
        JsonNode props = request.path("properties");
        for (String field : fields) {
            if (props.has(field)) {
                existing.properties().set(field, props.get(field).deepCopy());
            }
        }
    }

    private ArmResponse created(ArmRequest req, Resource resource, Latency latency) {
        ObjectNode props = resource.properties();
        props.put("provisioningState", "Creating");
        cloud.inventory.put(resource);
        Operations.Op op = cloud.start(req, resource.id, resource.location(), cloud.clock.after(latency),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, 201, resource.body, false);
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
        requireSameLocation(definition, location);
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        JsonNode sourceNode = Json.at(props, "storageProfile.source");
        String sourceId = sourceNode == null ? null
                : sourceNode.path("virtualMachineId").asText(sourceNode.path("id").asText(null));
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
        ObjectNode profile = Json.with(props, "publishingProfile");
        String endOfLife = profile.path("endOfLifeDate").asText(null);
        requireFutureEndOfLife(endOfLife);
        profile.put("publishedDate", cloud.clock.now().toString());
        profile.put("excludeFromLatest", profile.path("excludeFromLatest").asBoolean(false));
        ObjectNode state = Json.object();
        state.put("deprovisioned", captured.deprovisioned());
        state.put("source", source.id.value());
        state.putArray("regions");
        Resource version = new Resource(id, body, state);
        Instant due = replicate(version, targetRegions(profile, location), location);
        props.put("provisioningState", "Creating");
        Json.with(props, "storageProfile.osDiskImage").put("hostCaching", "ReadWrite");
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
                state.put("replicationFailed", true);
            }
        });
        return cloud.accepted(req, op, 201, body, false);
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
            captured = new ImageSource(source.state.path("osType").asText(),
                    source.state.path("hyperVGeneration").asText(), source.state.path("architecture").asText(),
                    source.state.path("deprovisioned").asBoolean(), "virtual machine " + source.id);
        } else if (type.equalsIgnoreCase("Microsoft.Compute/images")) {
            if (!"Generalized".equalsIgnoreCase(def.path("osState").asText())) {
                throw ArmException.operationNotAllowed("A managed image is generalized; the gallery image "
                        + definition.id + " is Specialized.");
            }
            captured = new ImageSource(source.state.path("osType").asText(),
                    source.state.path("hyperVGeneration").asText(), source.state.path("architecture").asText("x64"),
                    source.state.path("deprovisioned").asBoolean(), "managed image " + source.id);
        } else {
            throw ArmException.invalidParameter("The source " + source.id + " is neither a virtual machine nor a"
                    + " managed image.", "storageProfile.source");
        }
        if (!location.equals(source.location())) {
            throw ArmException.invalidParameter("The source " + source.id + " is in region '" + source.location()
                    + "'; the gallery image version must be created in the region of its source, not in '"
                    + location + "'.", "storageProfile.source");
        }
        mustMatch(source, definition, "OS type", captured.osType(), def.path("osType").asText());
        mustMatch(source, definition, "Hypervisor generation", captured.hyperVGeneration(),
                def.path("hyperVGeneration").asText("V1"));
        mustMatch(source, definition, "architecture", captured.architecture(), def.path("architecture").asText("x64"));
        return captured;
    }

    private static void mustMatch(Resource source, Resource definition, String what, String actual, String expected) {
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ArmException(409, "Conflict", "The resource with id '" + source.id + "' has a different "
                    + what + " ['" + actual + "'] than the parent gallery image " + what + " ['" + expected + "'].");
        }
    }

    /** Validated target regions (canonical names); the source region must be one of them. */
    private static List<String> targetRegions(ObjectNode profile, String sourceRegion) {
        JsonNode regions = profile.get("targetRegions");
        if (regions == null || !regions.isArray() || regions.isEmpty()) {
            ArrayNode defaults = profile.putArray("targetRegions");
            defaults.addObject().put("name", Regions.ALL.get(sourceRegion));
            regions = defaults;
        }
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode region : regions) {
            String given = region.path("name").asText();
            String name = Regions.normalize(given);
            if (name == null) {
                throw ArmException.invalidParameter("The target region '" + given + "' is not a valid region.",
                        "publishingProfile.targetRegions");
            }
            String storage = region.path("storageAccountType").asText(profile.path("storageAccountType")
                    .asText("Standard_LRS"));
            if (!STORAGE_TYPES.contains(storage)) {
                throw ArmException.invalidParameter("The storage account type '" + storage + "' is not supported."
                        + " Use one of " + STORAGE_TYPES + ".", "publishingProfile.targetRegions.storageAccountType");
            }
            int replicas = region.path("regionalReplicaCount").asInt(profile.path("replicaCount").asInt(1));
            if (replicas < 1 || replicas > 100) {
                throw ArmException.invalidParameter("The regional replica count " + replicas + " of '" + given
                        + "' must be between 1 and 100.", "publishingProfile.targetRegions.regionalReplicaCount");
            }
            ObjectNode r = (ObjectNode) region;
            r.put("name", Regions.ALL.get(name));
            r.put("regionalReplicaCount", replicas);
            r.put("storageAccountType", storage);
            names.add(name);
        }
        if (!names.contains(sourceRegion)) {
            throw ArmException.invalidParameter("The target regions " + names + " must include the source region '"
                    + sourceRegion + "' of the gallery image version.", "publishingProfile.targetRegions");
        }
        return names;
    }

    /** Schedules replication to the regions not yet replicated, one after the other; returns when all are done. */
    private Instant replicate(Resource version, List<String> regions, String sourceRegion) {
        ArrayNode state = (ArrayNode) version.state.get("regions");
        Instant last = cloud.clock.now();
        for (JsonNode r : state) {
            Instant due = Instant.parse(r.path("dueAt").asText());
            last = due.isAfter(last) ? due : last;
        }
        List<String> ordered = new java.util.ArrayList<>(regions);
        ordered.remove(sourceRegion);
        ordered.add(0, sourceRegion);
        ArrayNode kept = Json.array();
        for (JsonNode r : state) {
            if (regions.contains(r.path("name").asText())) {
                kept.add(r);
            }
        }
        for (String region : ordered) {
            boolean known = false;
            for (JsonNode r : kept) {
                known |= r.path("name").asText().equals(region);
            }
            if (!known) {
                Instant due = last.plus(cloud.clock.scaled(Latency.IMAGE_VERSION_REGION));
                ObjectNode entry = kept.addObject();
                entry.put("name", region);
                entry.put("startAt", last.toString());
                entry.put("dueAt", due.toString());
                last = due;
            }
        }
        version.state.set("regions", kept);
        return last;
    }

    /** PUT or PATCH of an existing version: target regions, exclusion from latest, end of life and tags. */
    private ArmResponse updateVersion(ArmRequest req, Resource version, ObjectNode request) {
        if ("Creating".equals(version.properties().path("provisioningState").asText())
                || "Updating".equals(version.properties().path("provisioningState").asText())) {
            throw new ArmException(409, "OperationNotAllowed", "The gallery image version " + version.id
                    + " is being " + version.properties().path("provisioningState").asText().toLowerCase(Locale.ROOT)
                    + ". Retry after the operation completes.");
        }
        String newSource = Json.text(request, "properties.storageProfile.source.id");
        if (newSource == null) {
            newSource = Json.text(request, "properties.storageProfile.source.virtualMachineId");
        }
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
        Instant due = cloud.clock.after(Latency.IMAGE_VERSION_UPDATE);
        if (changes.has("targetRegions")) {
            ObjectNode candidate = profile.deepCopy();
            candidate.set("targetRegions", changes.get("targetRegions").deepCopy());
            List<String> regions = targetRegions(candidate, version.location());
            profile.set("targetRegions", candidate.get("targetRegions"));
            Instant replicated = replicate(version, regions, version.location());
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
        Json.with(body, "properties").set("replicationStatus", replicationStatus(version));
        return body;
    }

    private ObjectNode replicationStatus(Resource version) {
        Instant now = cloud.clock.now();
        boolean failed = version.state.path("replicationFailed").asBoolean();
        ArrayNode summary = Json.array();
        boolean allDone = true;
        for (JsonNode r : version.state.path("regions")) {
            Instant start = Instant.parse(r.path("startAt").asText());
            Instant due = Instant.parse(r.path("dueAt").asText());
            boolean done = !now.isBefore(due);
            allDone &= done;
            ObjectNode entry = summary.addObject();
            entry.put("region", Regions.ALL.get(r.path("name").asText()));
            if (failed && !done) {
                entry.put("state", "Failed");
                entry.put("details", "Replication failed.");
                entry.put("progress", 0);
                continue;
            }
            long total = Math.max(1, java.time.Duration.between(start, due).toMillis());
            long elapsed = Math.max(0, java.time.Duration.between(start, now).toMillis());
            entry.put("state", done ? "Completed" : "Replicating");
            entry.put("progress", done ? 100 : (int) Math.min(99, elapsed * 100 / total));
        }
        ObjectNode status = Json.object();
        status.put("aggregatedState", failed && !allDone ? "Failed" : allDone ? "Completed" : "InProgress");
        status.set("summary", summary);
        return status;
    }

    /** Whether the version's replica in region is complete, so that a VM there can boot from it. */
    static boolean replicatedTo(CloudState cloud, Resource version, String region) {
        for (JsonNode r : version.state.path("regions")) {
            if (r.path("name").asText().equals(region)) {
                return !cloud.clock.now().isBefore(Instant.parse(r.path("dueAt").asText()))
                        && !version.state.path("replicationFailed").asBoolean();
            }
        }
        return false;
    }

    /** Azure refuses to delete a gallery or a definition while nested resources exist. */
    private void refuseWhileNested(Resource parent, String childType) {
        List<Resource> nested = cloud.inventory.children(parent.id, childType);
        if (!nested.isEmpty()) {
            String ids = nested.stream().limit(5).map(r -> r.id.value().substring(r.id.value().indexOf("Microsoft.")))
                    .collect(Collectors.joining(", "));
            throw new ArmException(409, "CannotDeleteResource", "Cannot delete resource while nested resources exist."
                    + " Some existing nested resource IDs include: '" + ids + "'. Please delete all nested resources"
                    + " before deleting this resource.");
        }
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Azure Compute Galleries and their image definitions, with Azure's rules: gallery names have no hyphens; a
 * definition is in its gallery's region, fixes OS type, OS state, Hyper-V generation and architecture for good,
 * and its identifier (publisher, offer, sku) is unique in the gallery; nested resources block the deletion of
 * their parent; new definitions' defaults depend on the API version, and their features change only on request.
 * Image versions are {@link GalleryImageVersionsApi}'s.
 */
final class GalleriesApi implements ResourceApi {
    private static final ResourcePath GALLERIES = ResourcePath.inGroup("Microsoft.Compute/galleries", "gallery");
    static final ResourcePath DEFINITIONS = GALLERIES.child("images", "image");
    private static final Pattern GALLERY_NAME = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9._]{0,78}[A-Za-z0-9])?$");
    private static final String SECURE_DEFAULTS_SINCE = "2025-03-03";
    private static final Pattern IMAGE_NAME = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9._]{0,78}[A-Za-z0-9])?$");
    private final CloudState cloud;

    GalleriesApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("PUT", GALLERIES.item(), (req, p) -> putGallery(req, p, req.body()));
        router.add("PATCH", GALLERIES.item(), (req, p) -> putGallery(req, p, patched(req, p, GALLERIES)));
        new ResourceRoutes(cloud, GALLERIES).listedPerSubscription().deletedAfter(Latency.GALLERY_DELETE)
                .refuseDelete(gallery -> refuseWhileNested(gallery, "images")).register(router);
        router.add("PUT", DEFINITIONS.item(), (req, p) -> putImage(req, p, req.body()));
        router.add("PATCH", DEFINITIONS.item(), (req, p) -> putImage(req, p, patched(req, p, DEFINITIONS)));
        new ResourceRoutes(cloud, DEFINITIONS).deletedAfter(Latency.GALLERY_IMAGE_DELETE)
                .refuseDelete(definition -> refuseWhileNested(definition, "versions")).register(router);
    }

    /**
     * A PATCH (Galleries_Update, GalleryImages_Update: no location, the properties to change) as the PUT it
     * amounts to: the stored resource with the request laid over it.
     */
    private ObjectNode patched(ArmRequest req, Router.Params p, ResourcePath path) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        Resource existing = cloud.require(path.id(p));
        ObjectNode request = req.body();
        ObjectNode merged = Json.object();
        merged.put("location", existing.location());
        merged.set("tags", request.get("tags") instanceof ObjectNode t ? t.deepCopy() : existing.body.get("tags"));
        ObjectNode props = existing.properties().deepCopy();
        props.remove("provisioningState");
        if (request.get("properties") instanceof ObjectNode changes) {
            changes.fields().forEachRemaining(f -> props.set(f.getKey(), f.getValue().deepCopy()));
        }
        merged.set("properties", props);
        return merged;
    }

    private ArmResponse putGallery(ArmRequest req, Router.Params p, ObjectNode request) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = GALLERIES.id(p);
        if (!GALLERY_NAME.matcher(id.name()).matches()) {
            // 400 BadRequest, as Azure answers it (hashicorp/terraform-provider-azurerm#2081: Status=400
            // Code="BadRequest" Message="Gallery name is invalid. ..."); today's wording is MicrosoftDocs/azure-docs
            // articles/virtual-machines/troubleshooting-shared-images.md, "Creating or modifying a gallery".
            throw ArmException.badRequest("Gallery name is invalid. Allowed characters are English alphanumeric"
                    + " characters, with underscores and periods allowed in the middle, up to 80 characters total."
                    + " All other special characters, including dashes, are disallowed.");
        }
        String location = cloud.requireLocation(request, "Microsoft.Compute/galleries");
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            requireSameLocation(existing, location);
            mergeUpdatable(existing, request, "description", "softDeletePolicy", "sharingProfile");
            return updated(req, existing, Latency.GALLERY_WRITE);
        }
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        Json.with(props, "identifier").put("uniqueName", id.subscription() + "-" + id.name().toUpperCase(Locale.ROOT));
        return created(req, new Resource(id, body, Json.object()), Latency.GALLERY_WRITE);
    }

    private ArmResponse putImage(ArmRequest req, Router.Params p, ObjectNode request) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = DEFINITIONS.id(p);
        if (!IMAGE_NAME.matcher(id.name()).matches()) {
            throw ArmException.invalidParameter("The gallery image name '" + id.name() + "' is invalid. It may"
                    + " contain English letters, numbers, hyphens, underscores and periods, must begin and end with a"
                    + " letter or number, and have at most 80 characters.", "galleryImageName");
        }
        Resource gallery = cloud.requireParent(id);
        String location = cloud.requireLocation(request, "Microsoft.Compute/galleries/images");
        requireSameLocation(gallery, location);
        ObjectNode props = (ObjectNode) request.path("properties");
        if (props.isMissingNode()) {
            throw ArmException.invalidParameter("Required parameter 'properties' is missing (null).", "properties");
        }
        Resource existing = cloud.inventory.get(id);
        String osType = enumValue(props, "osType", List.of("Linux", "Windows"), null);
        String osState = enumValue(props, "osState", List.of("Generalized", "Specialized"), null);
        String generation = enumValue(props, "hyperVGeneration", List.of("V1", "V2"), existing != null
                ? existing.properties().path("hyperVGeneration").asText() : defaultGeneration(req.apiVersion()));
        String architecture = enumValue(props, "architecture", List.of("x64", "Arm64"), "x64");
        for (String part : List.of("publisher", "offer", "sku")) {
            String value = Json.text(props, "identifier." + part);
            if (value == null || value.isBlank()) {
                throw ArmException.invalidParameter("Required parameter 'identifier." + part
                        + "' is missing (null).", "identifier." + part);
            }
        }
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
            updateFeatures(current, props);
            mergeUpdatable(existing, request, "description", "endOfLifeDate", "recommended", "eula",
                    "privacyStatementUri", "releaseNoteUri", "disallowed", "purchasePlan");
            return updated(req, existing, Latency.GALLERY_IMAGE_WRITE);
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
        if (generation.equals("V2") && req.apiVersion().compareTo(SECURE_DEFAULTS_SINCE) >= 0
                && SecurityTypes.of(bp.get("features")) == null) {
            bp.withArray("features").addObject().put("name", "SecurityType").put("value", "TrustedLaunchSupported");
        }
        return created(req, new Resource(id, body, Json.object()), Latency.GALLERY_IMAGE_WRITE);
    }

    /**
     * Rule 9 (acd compute-gallery-whats-new.md, July 2025): from gallery API 2025-03-03 a new definition defaults to
     * hyperVGeneration V2 and SecurityType TrustedLaunchSupported; older API versions default to V1 and no features.
     */
    private static String defaultGeneration(String apiVersion) {
        return apiVersion.compareTo(SECURE_DEFAULTS_SINCE) >= 0 ? "V2" : "V1";
    }

    /** Features of an existing definition change only with allowUpdateImage (spec GalleryImage_UpdateFeatures.json). */
    private static void updateFeatures(ObjectNode current, JsonNode requested) {
        JsonNode features = requested.get("features");
        if (features == null || features.equals(current.path("features"))) {
            return;
        }
        if (!requested.path("allowUpdateImage").asBoolean(false)) {
            throw new ArmException(409, "PropertyChangeNotAllowed", "Changing property 'features' is not allowed"
                    + " unless allowUpdateImage is true.", "features", null);
        }
        current.set("features", features.deepCopy());
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

    /** A gallery's definitions and a definition's versions are in their parent's region. */
    static void requireSameLocation(Resource parent, String location) {
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

    /** An update is long-running too: 200 with provisioningState Updating (GalleryImage_Update.json). */
    private ArmResponse updated(ArmRequest req, Resource resource, Latency latency) {
        ObjectNode props = resource.properties();
        props.put("provisioningState", "Updating");
        Operations.Op op = cloud.start(req, resource.id, resource.location(), cloud.clock.after(latency),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, 200, resource.body, false);
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

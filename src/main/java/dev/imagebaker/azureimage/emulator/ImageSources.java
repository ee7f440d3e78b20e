package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Locale;

/** Resolves a VM's imageReference: a marketplace URN, a managed image, a gallery version or a definition. */
final class ImageSources {
    private final CloudState cloud;
    private final Replication replication;

    ImageSources(CloudState cloud) {
        this.cloud = cloud;
        this.replication = new Replication(cloud.clock);
    }

    ImageSource resolve(JsonNode imageReference, String location, ObjectNode vmProperties) {
        String id = imageReference.path("id").asText(null);
        ObjectNode reference = Json.with(vmProperties, "storageProfile.imageReference");
        if (id == null) {
            return marketplace(imageReference, reference);
        }
        ResourceId rid = new ResourceId(id);
        String type = rid.type().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "microsoft.compute/images" -> managedImage(rid, location);
            case "microsoft.compute/galleries/images/versions" -> galleryVersion(cloud.inventory.get(rid), rid,
                    location, reference);
            case "microsoft.compute/galleries/images" -> galleryVersion(latestVersion(rid), rid, location,
                    reference);
            default -> throw ArmException.invalidParameter("The image reference id '" + id
                    + "' is not a managed image, a gallery image or a gallery image version.", "imageReference");
        };
    }

    private ImageSource marketplace(JsonNode ref, ObjectNode stored) {
        String publisher = ref.path("publisher").asText(null);
        String offer = ref.path("offer").asText(null);
        String skuName = ref.path("sku").asText(null);
        String version = ref.path("version").asText("latest");
        if (publisher == null || offer == null || skuName == null) {
            throw ArmException.invalidParameter("The image reference must name publisher, offer and sku, or an id.",
                    "imageReference");
        }
        MarketplaceCatalog.Sku sku;
        String exact;
        try {
            sku = cloud.marketplace.sku(publisher, offer, skuName);
            exact = cloud.marketplace.resolve(sku, version);
        } catch (ArmException notFound) {
            throw new ArmException(404, "PlatformImageNotFound", "The platform image '" + publisher + ":" + offer
                    + ":" + skuName + ":" + version + "' is not available. Verify that all fields in the storage"
                    + " profile are correct. For more details about storage profile information, please refer to"
                    + " https://aka.ms/storageprofile");
        }
        stored.put("exactVersion", exact);
        return new ImageSource(sku.osType(), sku.hyperVGeneration(), sku.architecture(), true,
                "marketplace image " + MarketplaceCatalog.urn(sku, exact), sku.securityType(), sku.plan())
                .withDisks(sku.diskSizeGb(), Json.array());
    }

    private ImageSource managedImage(ResourceId id, String location) {
        Resource image = cloud.inventory.get(id);
        if (image == null || !location.equals(image.location())) {
            throw ArmException.invalidParameter("The Image '" + id + "' cannot be found in '" + location
                    + "' region.", "imageReference");
        }
        // A managed image has no security features; a custom image sourced from a marketplace image with a plan
        // still needs the plan (ad virtual-machines/error-messages.md, VMMarketplaceInvalidInput).
        return new ImageSource(image.state.path("osType").asText(), image.state.path("hyperVGeneration").asText(),
                image.state.path("architecture").asText("x64"), image.state.path("deprovisioned").asBoolean(),
                "managed image " + id, null, MarketplaceCatalog.Plan.of(image.state.get("plan")))
                .withDisks(image.properties().path("storageProfile").path("osDisk").path("diskSizeGB")
                        .asInt(ImageSource.DEFAULT_OS_DISK_GB), DataDisks.galleryImagesOfImage(image));
    }

    private Resource latestVersion(ResourceId definition) {
        if (cloud.inventory.get(definition) == null) {
            throw new ArmException(404, "GalleryImageNotFound", "The gallery image " + definition
                    + " is not available.");
        }
        return cloud.inventory.children(definition, "versions").stream()
                .filter(v -> !v.properties().path("publishingProfile").path("excludeFromLatest").asBoolean())
                .filter(v -> "Succeeded".equals(v.properties().path("provisioningState").asText()))
                .max(Comparator.comparing(v -> v.name(), MarketplaceCatalog::compareNumerically))
                .orElseThrow(() -> new ArmException(404, "GalleryImageNotFound", "The gallery image "
                        + definition + " has no version that can be used as latest: every version is excluded"
                        + " from latest or not yet provisioned."));
    }

    private ImageSource galleryVersion(Resource version, ResourceId requested, String location,
                                       ObjectNode stored) {
        if (version == null) {
            throw new ArmException(404, "GalleryImageNotFound", "The gallery image version " + requested
                    + " is not available.");
        }
        if (!replication.replicatedTo(version, location)) {
            throw new ArmException(404, "GalleryImageNotFound", "The gallery image version " + version.id
                    + " is not available in region '" + location + "'. Replicate it to that region or create the"
                    + " VM in a region it is replicated to.");
        }
        stored.put("exactVersion", version.name());
        Resource definition = cloud.inventory.get(version.id.parent());
        JsonNode def = definition.properties();
        // The definition's purchasePlan, else the plan of the marketplace image the version was captured from.
        MarketplaceCatalog.Plan plan = MarketplaceCatalog.Plan.of(def.get("purchasePlan"));
        ImageSource source = new ImageSource(def.path("osType").asText(), def.path("hyperVGeneration").asText("V1"),
                def.path("architecture").asText("x64"), version.state.path("deprovisioned").asBoolean(),
                "gallery image version " + version.id, SecurityTypes.of(def.get("features")),
                plan != null ? plan : MarketplaceCatalog.Plan.of(version.state.get("plan")))
                .withDisks(version.properties().path("storageProfile").path("osDiskImage").path("sizeInGB")
                        .asInt(ImageSource.DEFAULT_OS_DISK_GB),
                        version.properties().path("storageProfile").path("dataDiskImages"));
        // A Specialized definition's versions boot as the captured guest: no OS profile, no provisioning.
        return "Specialized".equalsIgnoreCase(def.path("osState").asText())
                ? source.specializedWith(version.state.get("guest")) : source;
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Data disks, from a VM to its images and back. A VM's dataDisks (ComputeRP 2025-04-01 virtualMachine.json,
 * DataDisk) need a lun and a createOption: Empty with diskSizeGB, Attach with an existing unattached disk, or
 * FromImage for a lun of the image's data disks; a VM made from an image with data disks gets every one of them
 * (VirtualMachine_Create_FromACustomImage.json). Captures carry them on: a managed image lists them as
 * storageProfile.dataDisks (Image_CreateFromAVM.json) and a gallery image version as dataDiskImages with lun,
 * sizeInGB and hostCaching (GalleryImageVersion_Create_WithVmAsSource.json).
 */
final class DataDisks {
    private static final int MAX_LUN = 63;

    private DataDisks() {
    }

    /** Completes the VM's dataDisks and creates their managed disks. */
    static void create(CloudState cloud, ResourceId vmId, String location, ObjectNode props, ImageSource source) {
        ObjectNode storage = Json.with(props, "storageProfile");
        JsonNode given = storage.get("dataDisks");
        ArrayNode disks = given instanceof ArrayNode list ? list : storage.putArray("dataDisks");
        Set<Integer> luns = new HashSet<>();
        for (JsonNode node : disks) {
            if (!(node instanceof ObjectNode disk) || !disk.path("lun").canConvertToInt()) {
                throw ArmException.invalidParameter("Required parameter 'dataDisk.lun' is missing (null).",
                        "dataDisk.lun");
            }
            int lun = disk.path("lun").asInt();
            if (lun < 0 || lun > MAX_LUN || !luns.add(lun)) {
                throw ArmException.invalidParameter("The lun " + lun + " of a data disk is not valid: luns are"
                        + " unique and between 0 and " + MAX_LUN + ".", "dataDisks.lun");
            }
            if (!disk.hasNonNull("createOption")) {
                throw ArmException.invalidParameter("Required parameter 'dataDisk.createOption' is missing (null).",
                        "dataDisk.createOption");
            }
        }
        for (JsonNode image : source.dataDiskImages()) {
            int lun = image.path("lun").asInt();
            if (!luns.contains(lun)) {
                // Azure adds the image's data disks the request does not name.
                ObjectNode disk = disks.addObject();
                disk.put("lun", lun);
                disk.put("createOption", "FromImage");
            }
        }
        maxCount(props, disks.size());
        for (JsonNode node : disks) {
            complete(cloud, vmId, location, (ObjectNode) node, source);
        }
    }

    /**
     * A size takes at most its MaxDataDiskCount data disks; Azure refuses more with 409 OperationNotAllowed, "The
     * maximum number of data disks allowed to be attached to a VM of this size is 8." (as quoted in
     * kubernetes-sigs/azuredisk-csi-driver#2883; target dataDisks as in hashicorp/terraform#7389).
     */
    private static void maxCount(ObjectNode props, int count) {
        ComputeSkus.Size size = ComputeSkus.find(props.path("hardwareProfile").path("vmSize").asText(null));
        String max = size == null ? null : size.capability("MaxDataDiskCount");
        if (max != null && count > Integer.parseInt(max)) {
            throw new ArmException(409, "OperationNotAllowed", "The maximum number of data disks allowed to be"
                    + " attached to a VM of this size is " + max + ".", "dataDisks", null);
        }
    }

    private static void complete(CloudState cloud, ResourceId vmId, String location, ObjectNode disk,
                                 ImageSource source) {
        int lun = disk.path("lun").asInt();
        String option = AzureEnums.normalize(disk, "createOption", AzureEnums.CREATE_OPTIONS, "dataDisk.createOption",
                null);
        AzureEnums.normalize(disk, "caching", AzureEnums.CACHING, "dataDisk.caching", "None");
        AzureEnums.normalize(disk, "deleteOption", AzureEnums.DELETE_OPTIONS, "dataDisk.deleteOption", "Detach");
        ObjectNode managed = Json.with(disk, "managedDisk");
        AzureEnums.normalize(managed, "storageAccountType", AzureEnums.DISK_STORAGE,
                "dataDisk.managedDisk.storageAccountType", "Premium_LRS");
        disk.put("toBeDetached", false);
        switch (option) {
            case "Empty" -> {
                if (!disk.path("diskSizeGB").canConvertToInt()) {
                    throw ArmException.invalidParameter("Required parameter 'dataDisk.diskSizeGB' is missing (null).",
                            "dataDisk.diskSizeGB");
                }
                newDisk(cloud, vmId, location, disk, "Empty");
            }
            case "FromImage" -> {
                JsonNode image = imageDisk(source, lun);
                if (image == null) {
                    throw ArmException.invalidParameter("The data disk with lun " + lun + " has createOption"
                            + " FromImage, but the image has no data disk at that lun.", "dataDisks.lun");
                }
                disk.put("diskSizeGB", disk.path("diskSizeGB").asInt(image.path("sizeInGB").asInt()));
                newDisk(cloud, vmId, location, disk, "FromImage");
            }
            case "Attach" -> attach(cloud, vmId, location, disk, managed);
            default -> throw ArmException.invalidParameter("The emulator creates data disks Empty, FromImage or by"
                    + " Attach, not '" + option + "'.", "dataDisk.createOption");
        }
    }

    private static JsonNode imageDisk(ImageSource source, int lun) {
        for (JsonNode image : source.dataDiskImages()) {
            if (image.path("lun").asInt() == lun) {
                return image;
            }
        }
        return null;
    }

    private static void newDisk(CloudState cloud, ResourceId vmId, String location, ObjectNode disk, String option) {
        String name = disk.path("name").asText(null);
        if (name == null) {
            name = vmId.name() + "_disk" + (disk.path("lun").asInt() + 2) + "_"
                    + UUID.randomUUID().toString().replace("-", "");
            disk.put("name", name);
        }
        ResourceId diskId = ResourceId.of(vmId.subscription(), vmId.resourceGroup(), "Microsoft.Compute/disks/" + name);
        ObjectNode managed = Json.with(disk, "managedDisk");
        DisksApi.createAttached(cloud, diskId, vmId, location, managed.path("storageAccountType").asText(),
                disk.path("diskSizeGB").asInt(), option);
        managed.put("id", diskId.value());
    }

    private static void attach(CloudState cloud, ResourceId vmId, String location, ObjectNode disk,
                               ObjectNode managed) {
        Resource existing = cloud.inventory.get(managed.path("id").asText(null));
        if (existing == null) {
            throw new ArmException(404, "NotFound", "Disk " + managed.path("id").asText() + " was not found.");
        }
        String owner = existing.body.path("managedBy").asText(null);
        if (owner != null && !vmId.sameAs(owner)) {
            throw ArmException.operationNotAllowed("Disk " + existing.name() + " is attached to VM " + owner + ".");
        }
        if (!location.equals(existing.location())) {
            throw ArmException.invalidParameter("Disk " + existing.id + " is in region '" + existing.location()
                    + "', not in the VM's region '" + location + "'.", "dataDisks.managedDisk.id");
        }
        disk.put("name", existing.name());
        disk.put("diskSizeGB", existing.properties().path("diskSizeGB").asInt());
        managed.put("storageAccountType", existing.body.path("sku").path("name").asText("Premium_LRS"));
        existing.body.put("managedBy", vmId.value());
        existing.properties().put("diskState", "Attached");
    }

    /** A VM's data disks as a managed image lists them (Image_Update.json: lun, managedDisk, caching, ...). */
    static ArrayNode forImage(Resource vm) {
        ArrayNode out = Json.array();
        for (JsonNode disk : vm.properties().path("storageProfile").path("dataDisks")) {
            ObjectNode d = out.addObject();
            d.put("lun", disk.path("lun").asInt());
            d.putObject("managedDisk").put("id", Json.text(disk, "managedDisk.id"));
            d.put("caching", disk.path("caching").asText("None"));
            d.put("storageAccountType", Json.text(disk, "managedDisk.storageAccountType"));
            d.put("diskSizeGB", disk.path("diskSizeGB").asInt());
        }
        return out;
    }

    /** A VM's data disks as gallery dataDiskImages. */
    static ArrayNode galleryImagesOfVm(Resource vm) {
        ArrayNode out = Json.array();
        for (JsonNode disk : vm.properties().path("storageProfile").path("dataDisks")) {
            out.add(galleryImage(disk.path("lun").asInt(), disk.path("diskSizeGB").asInt(),
                    disk.path("caching").asText("None")));
        }
        return out;
    }

    /** A managed image's data disks as gallery dataDiskImages. */
    static ArrayNode galleryImagesOfImage(Resource image) {
        ArrayNode out = Json.array();
        for (JsonNode disk : image.properties().path("storageProfile").path("dataDisks")) {
            out.add(galleryImage(disk.path("lun").asInt(), disk.path("diskSizeGB").asInt(),
                    disk.path("caching").asText("None")));
        }
        return out;
    }

    private static ObjectNode galleryImage(int lun, int sizeInGB, String hostCaching) {
        ObjectNode d = Json.object();
        d.put("lun", lun);
        d.put("sizeInGB", sizeInGB);
        d.put("hostCaching", hostCaching);
        return d;
    }

    /** Deletes or detaches the VM's data disks as their deleteOption says. */
    static void release(CloudState cloud, Resource vm) {
        for (JsonNode disk : vm.properties().path("storageProfile").path("dataDisks")) {
            Resource managed = cloud.inventory.get(Json.text(disk, "managedDisk.id"));
            if (managed == null) {
                continue;
            }
            if ("Delete".equalsIgnoreCase(disk.path("deleteOption").asText())) {
                cloud.inventory.remove(managed.id);
            } else {
                managed.body.remove("managedBy");
                managed.properties().put("diskState", "Unattached");
            }
        }
    }
}

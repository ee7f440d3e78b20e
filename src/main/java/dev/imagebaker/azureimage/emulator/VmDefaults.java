package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Azure fills in on a new VM besides what it was sent: the OS disk's enums in Azure's casing, its size (the
 * image's unless the request grows it; VirtualMachine_Get.json shows osDisk.diskSizeGB), and the OS profile's
 * defaults: secrets [], provisionVMAgent true, Windows enableAutomaticUpdates true
 * (VirtualMachine_Create_WithEmptyDataDisks.json), Linux disablePasswordAuthentication false
 * (VirtualMachine_Create_WithPasswordAuthentication.json).
 */
final class VmDefaults {
    private VmDefaults() {
    }

    static void osDisk(ObjectNode props, ImageSource source) {
        ObjectNode osDisk = Json.with(props, "storageProfile.osDisk");
        AzureEnums.normalize(osDisk, "createOption", AzureEnums.CREATE_OPTIONS, "osDisk.createOption", "FromImage");
        AzureEnums.normalize(osDisk, "caching", AzureEnums.CACHING, "osDisk.caching", "ReadWrite");
        AzureEnums.normalize(osDisk, "deleteOption", AzureEnums.DELETE_OPTIONS, "osDisk.deleteOption", "Detach");
        ObjectNode managed = Json.with(osDisk, "managedDisk");
        AzureEnums.normalize(managed, "storageAccountType", AzureEnums.DISK_STORAGE,
                "osDisk.managedDisk.storageAccountType", "Premium_LRS");
        int requested = osDisk.path("diskSizeGB").asInt(0);
        if (requested != 0 && requested < source.osDiskSizeGB()) {
            throw ArmException.invalidParameter("The specified disk size " + requested + " GB is smaller than the"
                    + " size of the corresponding disk in the VM image: " + source.osDiskSizeGB() + " GB. This is"
                    + " not allowed. Please choose equal or greater size or do not specify an explicit size.",
                    "osDisk.diskSizeGB");
        }
        osDisk.put("diskSizeGB", requested == 0 ? source.osDiskSizeGB() : requested);
        osDisk.put("osType", source.osType());
    }

    static void osProfile(ObjectNode props, String osType) {
        JsonNode os = props.get("osProfile");
        if (!(os instanceof ObjectNode profile)) {
            return;
        }
        if (!profile.has("secrets")) {
            profile.putArray("secrets");
        }
        if ("Windows".equals(osType)) {
            ObjectNode windows = Json.with(profile, "windowsConfiguration");
            windows.put("provisionVMAgent", windows.path("provisionVMAgent").asBoolean(true));
            windows.put("enableAutomaticUpdates", windows.path("enableAutomaticUpdates").asBoolean(true));
        } else {
            ObjectNode linux = Json.with(profile, "linuxConfiguration");
            linux.put("disablePasswordAuthentication", linux.path("disablePasswordAuthentication").asBoolean(false));
            linux.put("provisionVMAgent", linux.path("provisionVMAgent").asBoolean(true));
        }
    }
}

package dev.imagebaker.azureimage.emulator;

import static dev.imagebaker.azureimage.emulator.PlatformContracts.CREATED;
import static dev.imagebaker.azureimage.emulator.PlatformContracts.DELETED;
import static dev.imagebaker.azureimage.emulator.PlatformContracts.OK;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Contract cases of Microsoft.Compute: a VM from VirtualMachine_Create_WithEmptyDataDisks.json, its run commands,
 * power actions and boot diagnostics, a managed image and a gallery version captured from it, a second version
 * from the first, snapshots of its OS disk and a version from them, and the marketplace listings. Shapes keep the keys that follow from what the example sends;
 * keys an example shows for features it alone uses (encryption, policy violations, availability sets) are left
 * out. C, G and D as in {@link ContractTest}.
 */
final class ComputeContracts {
    private static final String C = "?api-version=2025-04-01";
    private static final String G = "?api-version=2024-03-03";
    private static final Set<Integer> ACCEPTED = Set.of(200, 202);
    /** The DiskRP api-version the SDK's DisksClient and SnapshotsClient send. */
    private static final String DV = "?api-version=2025-01-02";
    // C VirtualMachine_Create_WithEmptyDataDisks.json (201).
    private static final String VM = """
            {"id":"","type":"","name":"","location":"","properties":{
             "osProfile":{"adminUsername":"","secrets":[],"computerName":"",
              "windowsConfiguration":{"provisionVMAgent":true,"enableAutomaticUpdates":true}},
             "networkProfile":{"networkInterfaces":[{"id":"","properties":{"primary":true}}]},
             "storageProfile":{"imageReference":{"sku":"","publisher":"","version":"","offer":""},
              "osDisk":{"osType":"","caching":"","createOption":"","name":"","managedDisk":{"storageAccountType":""}},
              "dataDisks":[{"caching":"","managedDisk":{"storageAccountType":""},"createOption":"","lun":0,
               "diskSizeGB":0,"toBeDetached":false}]},
             "vmId":"","hardwareProfile":{"vmSize":""},"provisioningState":""}}""";
    /** Read-only or defaulted keys of the VirtualMachine model that VirtualMachine_Get.json shows. */
    private static final String[] VM_SPEC = {"tags", "properties.timeCreated", "properties.storageProfile.imageReference.exactVersion",
        "properties.storageProfile.osDisk.managedDisk.id", "properties.storageProfile.osDisk.diskSizeGB",
        "properties.storageProfile.osDisk.deleteOption", "properties.storageProfile.dataDisks[].name",
        "properties.storageProfile.dataDisks[].managedDisk.id", "properties.storageProfile.dataDisks[].deleteOption",
        "properties.securityProfile", "properties.diagnosticsProfile"};
    // C runCommandExamples/VirtualMachineRunCommand_CreateOrUpdate.json (201).
    private static final String RUN = """
            {"name":"","id":"","type":"","location":"","tags":{},"properties":{"source":{"script":""},
             "parameters":[{"name":"","value":""}],"asyncExecution":false,"treatFailureAsDeploymentFailure":false,
             "timeoutInSeconds":0,"provisioningState":""}}""";
    // C imageExamples/Image_CreateFromAVM.json (201).
    private static final String IMAGE = """
            {"type":"","location":"","id":"","name":"","properties":{"sourceVirtualMachine":{"id":""},
             "storageProfile":{"osDisk":{"osType":"","osState":"","managedDisk":{"id":""},"caching":""},
              "dataDisks":[],"zoneResilient":false},"provisioningState":""}}""";
    /** Image model keys Image_Update.json shows (storageAccountType, diskSizeGB, dataDisks[].*). */
    private static final String[] IMAGE_SPEC = {"tags", "properties.hyperVGeneration",
        "properties.storageProfile.osDisk.storageAccountType", "properties.storageProfile.osDisk.diskSizeGB",
        "properties.storageProfile.dataDisks[]"};
    // G Gallery_Create.json.
    private static final String GALLERY = """
            {"id":"","name":"","location":"","properties":{"description":"","identifier":{"uniqueName":""},
             "provisioningState":""}}""";
    // G GalleryImage_Create.json.
    private static final String DEFINITION = """
            {"id":"","name":"","location":"","properties":{"osType":"","osState":"","hyperVGeneration":"",
             "identifier":{"publisher":"","offer":"","sku":""},"provisioningState":""}}""";
    // G GalleryImageVersion_Create_WithVmAsSource.json without its encryption and policy violations.
    private static final String VERSION = """
            {"id":"","name":"","location":"","properties":{"publishingProfile":{"targetRegions":[{"name":"",
              "regionalReplicaCount":1,"storageAccountType":"","excludeFromLatest":false}],"replicaCount":1,
              "publishedDate":"","storageAccountType":""},
             "storageProfile":{"source":{"virtualMachineId":""},"osDiskImage":{"sizeInGB":0,"hostCaching":""},
              "dataDiskImages":[{"lun":0,"sizeInGB":0,"hostCaching":""}]},
             "safetyProfile":{"allowDeletionOfReplicatedLocations":false,"reportedForPolicyViolation":false},
             "provisioningState":""}}""";
    /** GalleryImageVersion model keys the example omits: publishingProfile.excludeFromLatest (gallery.json). */
    private static final String[] VERSION_SPEC = {"type", "tags", "properties.publishingProfile.excludeFromLatest"};
    // D snapshotExamples/Snapshot_Get.json without its Azure Disk Encryption settings, hibernation and networking.
    private static final String SNAPSHOT = """
            {"id":"","name":"","type":"","location":"","tags":{},"properties":{"osType":"","hyperVGeneration":"",
             "creationData":{"createOption":"","sourceResourceId":"","sourceUniqueId":""},"diskSizeGB":0,
             "encryption":{"type":""},"timeCreated":"","provisioningState":""}}""";
    /**
     * Snapshot model keys (snapshot.json SnapshotProperties, SnapshotSku) Snapshot_Get.json omits; the incremental,
     * networkAccessPolicy, diskState, diskSizeBytes and uniqueId that Snapshot_GetIncrementalSnapshot.json shows.
     */
    private static final String[] SNAPSHOT_SPEC = {"sku", "properties.supportedCapabilities", "properties.incremental",
        "properties.diskSizeBytes", "properties.uniqueId", "properties.diskState", "properties.networkAccessPolicy",
        "properties.publicNetworkAccess"};
    private final ContractCases cases;
    private final String rg;
    private final String compute;
    private final String s;

    ComputeContracts(ContractCases cases, String sub) {
        this.cases = cases;
        this.s = "/subscriptions/" + sub;
        this.rg = s + "/resourceGroups/myResourceGroup";
        this.compute = rg + "/providers/Microsoft.Compute";
    }

    void run() throws Exception {
        marketplace();
        String vm = compute + "/virtualMachines/myVM";
        virtualMachine(vm);
        runCommands(vm);
        power(vm);
        String image = compute + "/images/myImage";
        images(vm, image);
        String snapshot = snapshots(vm);
        galleries(vm, image, snapshot);
        deletions(vm, image);
    }

    private void marketplace() throws Exception {
        String base = s + "/providers/Microsoft.Compute/locations/westus/publishers";
        String entry = "[{\"location\":\"\",\"name\":\"\",\"id\":\"\"}]";
        cases.c("VirtualMachineImages_ListPublishers", "C VirtualMachineImage_ListPublishers_MaximumSet_Gen.json",
                "GET", base + C, null, OK, entry);
        String offers = base + "/MicrosoftWindowsServer/artifacttypes/vmimage/offers";
        cases.c("VirtualMachineImages_ListOffers", "C VirtualMachineImage_ListOffers_MaximumSet_Gen.json", "GET",
                offers + C, null, OK, entry);
        cases.c("VirtualMachineImages_ListSkus", "C VirtualMachineImage_ListSkus_MaximumSet_Gen.json", "GET",
                offers + "/WindowsServer/skus" + C, null, OK, entry);
        String versions = offers + "/WindowsServer/skus/2019-datacenter/versions";
        JsonNode list = cases.c("VirtualMachineImages_List", "C VirtualMachineImage_List_MaximumSet_Gen.json", "GET",
                versions + C, null, OK, entry);
        // VirtualMachineImage_Get_MaximumSet_Gen.json without its plan value, extendedLocation and deprecation
        // schedule, which only that image has.
        cases.c("VirtualMachineImages_Get", "C VirtualMachineImage_Get_MaximumSet_Gen.json", "GET",
                versions + "/" + list.get(0).path("name").asText() + C, null, OK, """
                {"name":"","location":"","id":"","properties":{"plan":null,"osDiskImage":{"operatingSystem":""},
                 "dataDiskImages":[],"automaticOSUpgradeProperties":{"automaticOSUpgradeSupported":false},
                 "hyperVGeneration":"","disallowed":{"vmDiskType":""},"features":[],
                 "imageDeprecationStatus":{"imageState":""}}}""", "properties.architecture",
                "properties.replicaType", "properties.replicaCount", "properties.osDiskImage.sizeInBytes",
                "properties.osDiskImage.sizeInGb");
    }

    private void virtualMachine(String vm) throws Exception {
        String nic = rg + "/providers/Microsoft.Network/networkInterfaces/myNic";
        String body = """
                {"location":"westus","properties":{"hardwareProfile":{"vmSize":"Standard_D2s_v5"},
                 "storageProfile":{"imageReference":{"sku":"2019-Datacenter","publisher":"MicrosoftWindowsServer",
                  "version":"latest","offer":"WindowsServer"},"osDisk":{"caching":"ReadWrite","managedDisk":
                  {"storageAccountType":"standard_lrs"},"name":"myVMosdisk","createOption":"fromImage"},
                  "dataDisks":[{"diskSizeGB":1023,"createOption":"Empty","lun":0},
                   {"diskSizeGB":1023,"createOption":"empty","lun":1}]},
                 "osProfile":{"adminUsername":"azureuser","computerName":"myVM","adminPassword":"Contract-Pa55word"},
                 "networkProfile":{"networkInterfaces":[{"id":"%s","properties":{"primary":true}}]}}}"""
                .formatted(nic);
        cases.c("VirtualMachines_CreateOrUpdate", "C VirtualMachine_Create_WithEmptyDataDisks.json", "PUT", vm + C,
                body, CREATED, VM, VM_SPEC);
        cases.c("VirtualMachines_Get", "C VirtualMachine_Get.json", "GET", vm + C, null, OK, VM, VM_SPEC);
        cases.c("VirtualMachines_List", "C VirtualMachine_ListByResourceGroup (virtualMachine.json)", "GET",
                compute + "/virtualMachines" + C, null, OK, "{\"value\":[" + VM + "]}", prefixed("value[].", VM_SPEC));
        cases.c("VirtualMachines_InstanceView", "C VirtualMachine_InstanceView.json", "GET", vm + "/instanceView" + C,
                null, OK, """
                {"computerName":"","osName":"","hyperVGeneration":"","vmAgent":{"vmAgentVersion":"",
                 "statuses":[{"code":"","level":"","displayStatus":"","message":""}]},
                 "statuses":[{"code":"","level":"","displayStatus":""}]}""");
        // VirtualMachines_Update: long-running, 200 with the VM (virtualMachine.json x-ms-long-running-operation).
        cases.c("VirtualMachines_Update", "C VirtualMachine_Update (virtualMachine.json VirtualMachineUpdate)",
                "PATCH", vm + C, "{\"properties\":{\"diagnosticsProfile\":{\"bootDiagnostics\":{\"enabled\":true}}}}",
                OK, VM, VM_SPEC);
        cases.c("VirtualMachines_RetrieveBootDiagnosticsData", "C VirtualMachine_RetrieveBootDiagnosticsData.json",
                "POST", vm + "/retrieveBootDiagnosticsData" + C + "&sasUriExpirationTimeInMinutes=60", null, OK,
                "{\"consoleScreenshotBlobUri\":\"\",\"serialConsoleLogBlobUri\":\"\"}");
    }

    private void runCommands(String vm) throws Exception {
        String run = vm + "/runCommands/myRunCommand";
        // The example's scriptUri points outside the emulator: the same request with an inline script.
        String body = """
                {"location":"West US","tags":{"tag1":"value1","tag2":"value2"},"properties":{"source":
                 {"script":"Write-Host Hello World!"},"parameters":[{"name":"param1","value":"value1"},
                 {"name":"param2","value":"value2"}],"asyncExecution":false,"treatFailureAsDeploymentFailure":false,
                 "timeoutInSeconds":3600}}""";
        cases.c("VirtualMachineRunCommands_CreateOrUpdate", "C VirtualMachineRunCommand_CreateOrUpdate.json", "PUT",
                run + C, body, CREATED, RUN);
        cases.c("VirtualMachineRunCommands_GetByVirtualMachine", "C VirtualMachineRunCommand_Get.json", "GET",
                run + C + "&$expand=instanceView", null, OK, RUN, "properties.instanceView");
        cases.c("VirtualMachineRunCommands_ListByVirtualMachine", "C VirtualMachineRunCommand_List.json", "GET",
                vm + "/runCommands" + C, null, OK, "{\"value\":[" + RUN + "]}");
        cases.c("VirtualMachineRunCommands_Update", "C VirtualMachineRunCommand_Update.json", "PATCH", run + C,
                "{\"properties\":{\"source\":{\"script\":\"Write-Host Hello World!\"},\"timeoutInSeconds\":3600}}",
                OK, RUN);
        cases.c("VirtualMachineRunCommands_Delete", "C VirtualMachineRunCommand_Delete.json", "DELETE", run + C, null,
                DELETED, null);
        cases.c("VirtualMachines_RunCommand", "C VirtualMachineRunCommand.json", "POST", vm + "/runCommand" + C,
                "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"Write-Host Hello\"]}", ACCEPTED, null);
    }

    private void power(String vm) throws Exception {
        for (String action : new String[] {"restart", "powerOff", "start", "deallocate"}) {
            String example = Character.toUpperCase(action.charAt(0)) + action.substring(1);
            cases.c("VirtualMachines_" + example, "C VirtualMachine_" + example + "_MaximumSet_Gen.json", "POST",
                    vm + "/" + action + C, null, ACCEPTED, null);
        }
        cases.c("VirtualMachines_Generalize", "C VirtualMachine_Generalize.json", "POST", vm + "/generalize" + C,
                null, OK, null);
    }

    private void images(String vm, String image) throws Exception {
        String body = "{\"location\":\"West US\",\"properties\":{\"sourceVirtualMachine\":{\"id\":\"" + path(vm)
                + "\"}}}";
        cases.c("Images_CreateOrUpdate", "C Image_CreateFromAVM.json", "PUT", image + C, body, CREATED, IMAGE,
                IMAGE_SPEC);
        cases.c("Images_Get", "C Image_Get.json", "GET", image + C, null, OK, IMAGE, IMAGE_SPEC);
        cases.c("Images_ListByResourceGroup", "C Image_ListByResourceGroup.json", "GET", compute + "/images" + C,
                null, OK, "{\"value\":[" + IMAGE + "]}", prefixed("value[].", IMAGE_SPEC));
        cases.c("Images_Update", "C Image_Update.json", "PATCH", image + C, "{\"properties\":{\"sourceVirtualMachine\":"
                + "{\"id\":\"" + path(vm) + "\"},\"hyperVGeneration\":\"V1\"},\"tags\":{\"department\":\"HR\"}}",
                CREATED, IMAGE, IMAGE_SPEC);
    }

    /**
     * D = DiskRP/stable/2025-01-02/examples/snapshotExamples, the api-version of the SDK's SnapshotsClient. The
     * first snapshot copies the VM's OS disk (no example copies a disk: the same request with a disk's id), the
     * second copies the first as Snapshot_Create_FromAnExistingSnapshot.json does, id without its leading slash.
     * Returns the first snapshot's URL.
     */
    private String snapshots(String vm) throws Exception {
        JsonNode got = cases.setup("GET", vm + C, null, 200);
        String disk = got.at("/properties/storageProfile/osDisk/managedDisk/id").asText();
        String first = compute + "/snapshots/mySnapshot1";
        String second = compute + "/snapshots/mySnapshot2";
        String put = "{\"location\":\"West US\",\"properties\":{\"creationData\":{\"createOption\":\"Copy\","
                + "\"sourceResourceId\":\"%s\"}}}";
        String[] putExtras = concat(SNAPSHOT_SPEC, "type", "tags", "properties.osType", "properties.hyperVGeneration",
                "properties.creationData.sourceUniqueId", "properties.diskSizeGB", "properties.encryption",
                "properties.timeCreated");
        String putShape = """
                {"id":"","name":"","location":"","properties":{"provisioningState":"",
                 "creationData":{"createOption":"","sourceResourceId":""}}}""";
        cases.c("Snapshots_CreateOrUpdate", "D Snapshot_Create_FromAnExistingSnapshot.json (a disk as the source)",
                "PUT", first + DV, put.formatted(disk), Set.of(200, 202), putShape, putExtras);
        cases.c("Snapshots_CreateOrUpdate", "D Snapshot_Create_FromAnExistingSnapshot.json", "PUT", second + DV,
                put.formatted(path(first).substring(1)), Set.of(200, 202), putShape, putExtras);
        cases.c("Snapshots_Get", "D Snapshot_Get.json", "GET", first + DV, null, OK, SNAPSHOT, SNAPSHOT_SPEC);
        cases.c("Snapshots_ListByResourceGroup", "D Snapshot_ListByResourceGroup.json", "GET", compute + "/snapshots"
                + DV, null, OK, "{\"value\":[" + SNAPSHOT + "]}", prefixed("value[].", SNAPSHOT_SPEC));
        cases.c("Snapshots_List", "D Snapshot_ListBySubscription.json", "GET", s + "/providers/Microsoft.Compute"
                + "/snapshots" + DV, null, OK, "{\"value\":[" + SNAPSHOT + "]}", prefixed("value[].", SNAPSHOT_SPEC));
        cases.c("Snapshots_Delete", "D Snapshot_Delete.json", "DELETE", second + DV, null, DELETED, null);
        return first;
    }

    private void galleries(String vm, String image, String snapshot) throws Exception {
        String gallery = compute + "/galleries/myGalleryName";
        cases.c("Galleries_CreateOrUpdate", "G Gallery_Create.json", "PUT", gallery + G,
                "{\"location\":\"West US\",\"properties\":{\"description\":\"This is the gallery description.\"}}",
                Set.of(200, 201, 202), GALLERY, "type", "tags");
        cases.c("Galleries_Get", "G Gallery_Get.json", "GET", gallery + G, null, OK, GALLERY, "type", "tags");
        cases.c("Galleries_ListByResourceGroup", "G Gallery_ListByResourceGroup.json", "GET", compute + "/galleries" + G,
                null, OK, "{\"value\":[" + GALLERY + "]}", "value[].type", "value[].tags");
        cases.c("Galleries_List", "G Gallery_ListBySubscription.json", "GET",
                s + "/providers/Microsoft.Compute/galleries" + G, null, OK, "{\"value\":[" + GALLERY + "]}",
                "value[].type", "value[].tags");
        cases.c("Galleries_Update", "G Gallery_Update.json", "PATCH", gallery + G,
                "{\"properties\":{\"description\":\"This is the gallery description.\"}}", OK, GALLERY, "type", "tags");
        String definition = gallery + "/images/myGalleryImageName";
        String defBody = """
                {"location":"West US","properties":{"osType":"windows","osState":"generalized","hyperVGeneration":"v1",
                 "identifier":{"publisher":"myPublisherName","offer":"myOfferName","sku":"mySkuName"}}}""";
        cases.c("GalleryImages_CreateOrUpdate", "G GalleryImage_Create.json", "PUT", definition + G, defBody,
                Set.of(200, 201, 202), DEFINITION, "type", "tags", "properties.architecture");
        cases.c("GalleryImages_Get", "G GalleryImage_Get.json", "GET", definition + G, null, OK, DEFINITION, "type",
                "tags", "properties.architecture");
        cases.c("GalleryImages_ListByGallery", "G GalleryImage_ListByGallery.json", "GET", gallery + "/images" + G,
                null, OK, "{\"value\":[" + DEFINITION + "]}", "value[].type", "value[].tags",
                "value[].properties.architecture");
        cases.c("GalleryImages_Update", "G GalleryImage_Update.json", "PATCH", definition + G, """
                {"properties":{"hyperVGeneration":"V1","identifier":{"offer":"myOfferName","publisher":
                 "myPublisherName","sku":"mySkuName"},"osState":"Generalized","osType":"Windows"}}""", OK,
                DEFINITION, "type", "tags", "properties.architecture");
        versions(vm, image, definition, snapshot);
    }

    private void versions(String vm, String image, String definition, String snapshot) throws Exception {
        String version = definition + "/versions/1.0.0";
        String body = """
                {"location":"West US","properties":{"publishingProfile":{"targetRegions":[{"name":"West US",
                 "regionalReplicaCount":2,"excludeFromLatest":false},{"name":"East US","regionalReplicaCount":2,
                 "storageAccountType":"standard_zrs","excludeFromLatest":false}]},"storageProfile":{"source":
                 {"virtualMachineId":"%s"}},"safetyProfile":{"allowDeletionOfReplicatedLocations":false}}}"""
                .formatted(path(vm));
        cases.c("GalleryImageVersions_CreateOrUpdate", "G GalleryImageVersion_Create_WithVmAsSource.json", "PUT",
                version + G, body, Set.of(200, 201, 202), VERSION, VERSION_SPEC);
        cases.c("GalleryImageVersions_Get", "G GalleryImageVersion_Get.json", "GET", version + G, null, OK, VERSION,
                VERSION_SPEC);
        cases.c("GalleryImageVersions_ListByGalleryImage", "G GalleryImageVersion_ListByGalleryImage.json", "GET",
                definition + "/versions" + G, null, OK, "{\"value\":[" + VERSION + "]}", prefixed("value[].", VERSION_SPEC));
        // GalleryImageVersion_Update.json names a managed image as the source; this version's source is a VM.
        cases.c("GalleryImageVersions_Update", "G GalleryImageVersion_Update.json", "PATCH", version + G, """
                {"properties":{"publishingProfile":{"targetRegions":[{"name":"West US","regionalReplicaCount":1},
                 {"name":"East US","regionalReplicaCount":2,"storageAccountType":"Standard_ZRS"}]}}}""", OK,
                VERSION, VERSION_SPEC);
        String second = definition + "/versions/1.0.1";
        cases.c("GalleryImageVersions_CreateOrUpdate", "G GalleryImageVersion_Create_WithImageVersionAsSource.json",
                "PUT", second + G, """
                {"location":"West US","properties":{"publishingProfile":{"targetRegions":[{"name":"West US",
                 "regionalReplicaCount":1,"excludeFromLatest":false}]},"storageProfile":{"source":{"id":"%s"}},
                 "safetyProfile":{"allowDeletionOfReplicatedLocations":false,"blockDeletionBeforeEndOfLife":false}}}"""
                        .formatted(path(version)), Set.of(200, 201, 202),
                VERSION.replace("\"virtualMachineId\"", "\"id\"").replace("\"reportedForPolicyViolation\":false",
                        "\"reportedForPolicyViolation\":false,\"blockDeletionBeforeEndOfLife\":false"), VERSION_SPEC);
        // GalleryImageVersion_Create.json: a managed image as the source, without its encryption.
        String third = definition + "/versions/1.0.2";
        cases.c("GalleryImageVersions_CreateOrUpdate", "G GalleryImageVersion_Create.json", "PUT", third + G, """
                {"location":"West US","properties":{"publishingProfile":{"targetRegions":[{"name":"West US",
                 "regionalReplicaCount":1,"excludeFromLatest":false}]},"storageProfile":{"source":{"id":"%s"}},
                 "safetyProfile":{"allowDeletionOfReplicatedLocations":false}}}""".formatted(path(image)),
                Set.of(200, 201, 202), VERSION.replace("\"virtualMachineId\"", "\"id\""), VERSION_SPEC);
        // GalleryImageVersion_Create_WithSnapshotsAsSource.json without its encryption: the OS disk from a snapshot,
        // a data disk from a managed disk (the VM's first data disk).
        String fourth = definition + "/versions/1.0.3";
        String dataDisk = cases.setup("GET", vm + C, null, 200)
                .at("/properties/storageProfile/dataDisks/0/managedDisk/id").asText();
        cases.c("GalleryImageVersions_CreateOrUpdate", "G GalleryImageVersion_Create_WithSnapshotsAsSource.json",
                "PUT", fourth + G, """
                {"location":"West US","properties":{"publishingProfile":{"targetRegions":[{"name":"West US",
                 "regionalReplicaCount":1,"excludeFromLatest":false}]},"storageProfile":{"osDiskImage":{"source":
                 {"id":"%s"},"hostCaching":"ReadOnly"},"dataDiskImages":[{"source":{"id":"%s"},"lun":1,
                 "hostCaching":"None"}]},"safetyProfile":{"allowDeletionOfReplicatedLocations":false,
                 "blockDeletionBeforeEndOfLife":false}}}""".formatted(path(snapshot), dataDisk),
                Set.of(200, 201, 202), """
                {"id":"","name":"","location":"","properties":{"publishingProfile":{"targetRegions":[{"name":"",
                  "regionalReplicaCount":1,"storageAccountType":"","excludeFromLatest":false}],"replicaCount":1,
                  "publishedDate":"","storageAccountType":""},
                 "storageProfile":{"osDiskImage":{"source":{"id":""},"sizeInGB":0,"hostCaching":""},
                  "dataDiskImages":[{"source":{"id":""},"lun":0,"sizeInGB":0,"hostCaching":""}]},
                 "safetyProfile":{"allowDeletionOfReplicatedLocations":false,"reportedForPolicyViolation":false,
                  "blockDeletionBeforeEndOfLife":false},"provisioningState":""}}""", VERSION_SPEC);
        cases.c("GalleryImageVersions_Delete", "G GalleryImageVersion_Delete.json", "DELETE", fourth + G, null,
                DELETED, null);
        cases.c("GalleryImageVersions_Delete", "G GalleryImageVersion_Delete.json", "DELETE", third + G, null,
                DELETED, null);
        cases.c("GalleryImageVersions_Delete", "G GalleryImageVersion_Delete.json", "DELETE", second + G, null,
                DELETED, null);
        cases.c("GalleryImageVersions_Delete", "G GalleryImageVersion_Delete.json", "DELETE", version + G, null,
                DELETED, null);
        cases.c("GalleryImages_Delete", "G GalleryImage_Delete.json", "DELETE", definition + G, null, DELETED, null);
        cases.c("Galleries_Delete", "G Gallery_Delete.json", "DELETE", compute + "/galleries/myGalleryName" + G, null,
                DELETED, null);
    }

    private void deletions(String vm, String image) throws Exception {
        cases.c("Images_Delete", "C Images_Delete_MaximumSet_Gen.json", "DELETE", image + C, null, DELETED, null);
        JsonNode got = cases.setup("GET", vm + C, null, 200);
        String disk = got.at("/properties/storageProfile/dataDisks/0/managedDisk/id").asText();
        cases.c("VirtualMachines_Delete", "C VirtualMachine_Delete_MaximumSet_Gen.json", "DELETE", vm + C, null,
                DELETED, null);
        // DiskRP 2025-01-02 diskExamples (the Disks client's api-version): Disk_Get.json, Disk_ListByResourceGroup.json.
        String dv = DV;
        cases.c("Disks_Get", "ComputeRP 2025-01-02 Disk_Get.json", "GET", disk + dv, null, OK, """
                {"id":"","name":"","type":"","location":"","tags":{},"sku":{"name":""},"properties":{
                 "diskSizeGB":0,"diskState":"","provisioningState":"","timeCreated":"",
                 "creationData":{"createOption":""}}}""");
        cases.c("Disks_ListByResourceGroup", "ComputeRP 2025-01-02 Disk_ListByResourceGroup.json", "GET",
                compute + "/disks" + dv, null, OK, null);
        cases.c("Disks_Delete", "ComputeRP 2025-01-02 Disk_Delete (disk.json)", "DELETE", disk + dv, null, DELETED,
                null);
    }

    /** The resource id a path names, without its query. */
    private static String path(String url) {
        return url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    }

    private static String[] concat(String[] first, String... more) {
        String[] out = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, out, first.length, more.length);
        return out;
    }

    private static String[] prefixed(String prefix, String[] paths) {
        String[] out = new String[paths.length];
        for (int i = 0; i < paths.length; i++) {
            out[i] = prefix + paths[i];
        }
        return out;
    }
}

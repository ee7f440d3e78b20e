package dev.imagebaker.azureimage.emulator;

/**
 * A bake's resources made over plain HTTP for tests that read them back: a Linux VM with two data disks on a
 * NIC in a subnet with a network security group and a NAT gateway, a storage account, a run command, then the VM
 * captured to a managed image, a gallery version from the image and a second version from the first. Fields hold
 * the GET paths (with api-version) of each.
 */
final class Scenario {
    static final String SUB = ArmEmulator.DEFAULT_SUBSCRIPTION;
    static final String RG_ID = "/subscriptions/" + SUB + "/resourceGroups/bake";
    static final String COMPUTE = RG_ID + "/providers/Microsoft.Compute";
    static final String C = "?api-version=2025-04-01";
    static final String G = "?api-version=2024-03-03";
    static final String N = "?api-version=2025-03-01";
    private final ContractRunner http;
    final String rg = RG_ID + "?api-version=2025-04-01";
    final String vnet = RG_ID + "/providers/Microsoft.Network/virtualNetworks/vnet" + N;
    final String subnet = RG_ID + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default" + N;
    final String nsg = RG_ID + "/providers/Microsoft.Network/networkSecurityGroups/nsg" + N;
    final String pip = RG_ID + "/providers/Microsoft.Network/publicIPAddresses/nat-ip" + N;
    final String nat = RG_ID + "/providers/Microsoft.Network/natGateways/nat" + N;
    final String nic = RG_ID + "/providers/Microsoft.Network/networkInterfaces/nic" + N;
    final String account = RG_ID + "/providers/Microsoft.Storage/storageAccounts/bakelogs?api-version=2025-06-01";
    final String vm = COMPUTE + "/virtualMachines/builder" + C;
    final String run = COMPUTE + "/virtualMachines/builder/runCommands/setup" + C;
    final String image = COMPUTE + "/images/baked" + C;
    final String gallery = COMPUTE + "/galleries/bakes" + G;
    final String definition = COMPUTE + "/galleries/bakes/images/linux" + G;
    final String version = COMPUTE + "/galleries/bakes/images/linux/versions/1.0.0" + G;
    final String copy = COMPUTE + "/galleries/bakes/images/linux/versions/1.0.1" + G;
    final String snapshot = COMPUTE + "/snapshots/layer?api-version=2025-01-02";
    final String fromSnapshot = COMPUTE + "/galleries/bakes/images/linux/versions/1.0.2" + G;
    /** The marketplace image version the VM is made from. */
    final String marketplace = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/locations/westeurope/publishers/"
            + "Canonical/artifacttypes/vmimage/offers/0001-com-ubuntu-server-jammy/skus/22_04-lts/versions/"
            + "22.04.202411190" + C;

    Scenario(ContractRunner http) {
        this.http = http;
    }

    /** The resources up to a running VM with two data disks (lun 0: 32 GB, lun 1: 64 GB). */
    void vm() throws Exception {
        http.send("PUT", rg, "{\"location\":\"westeurope\"}", 201);
        http.send("PUT", nsg, "{\"location\":\"westeurope\"}", 201);
        http.send("PUT", pip, "{\"location\":\"westeurope\",\"sku\":{\"name\":\"standard\"},\"properties\":"
                + "{\"publicIPAllocationMethod\":\"static\"}}", 201);
        http.send("PUT", nat, "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard\"},\"properties\":"
                + "{\"publicIpAddresses\":[{\"id\":\"" + path(pip) + "\"}]}}", 201);
        http.send("PUT", vnet, "{\"location\":\"westeurope\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":"
                + "[\"10.0.0.0/16\"]},\"subnets\":[{\"name\":\"default\",\"properties\":{\"addressPrefix\":"
                + "\"10.0.0.0/24\",\"networkSecurityGroup\":{\"id\":\"" + path(nsg) + "\"},\"natGateway\":{\"id\":\""
                + path(nat) + "\"}}}]}}", 201);
        http.send("PUT", nic, "{\"location\":\"westeurope\",\"properties\":{\"ipConfigurations\":[{\"name\":\"ip\","
                + "\"properties\":{\"subnet\":{\"id\":\"" + path(vnet) + "/subnets/default\"}}}]}}", 201);
        http.send("PUT", vm, """
                {"location":"westeurope","properties":{"hardwareProfile":{"vmSize":"Standard_D2s_v5"},
                 "storageProfile":{"imageReference":{"publisher":"Canonical","offer":"0001-com-ubuntu-server-jammy",
                  "sku":"22_04-lts","version":"latest"},"osDisk":{"createOption":"fromImage"},
                  "dataDisks":[{"lun":0,"createOption":"empty","diskSizeGB":32},
                   {"lun":1,"createOption":"Empty","diskSizeGB":64,"caching":"readOnly"}]},
                 "osProfile":{"computerName":"builder","adminUsername":"azureuser","adminPassword":"Bake-Pa55word"},
                 "networkProfile":{"networkInterfaces":[{"id":"%s"}]}}}""".formatted(path(nic)), 201);
    }

    void build() throws Exception {
        vm();
        http.send("PUT", account, "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_LRS\"},"
                + "\"kind\":\"StorageV2\"}", 202);
        http.send("PUT", run, "{\"location\":\"westeurope\",\"properties\":{\"source\":{\"script\":\"echo hi\"}}}",
                201);
        http.send("POST", path(vm) + "/deallocate" + C, null, 202);
        http.send("POST", path(vm) + "/generalize" + C, null, 200);
        http.send("PUT", image, "{\"location\":\"westeurope\",\"properties\":{\"sourceVirtualMachine\":{\"id\":\""
                + path(vm) + "\"}}}", 201);
        http.send("PUT", gallery, "{\"location\":\"westeurope\"}", 201);
        http.send("PUT", definition, "{\"location\":\"westeurope\",\"properties\":{\"osType\":\"Linux\","
                + "\"osState\":\"Generalized\",\"hyperVGeneration\":\"V1\",\"identifier\":{\"publisher\":\"p\","
                + "\"offer\":\"o\",\"sku\":\"s\"}}}", 201);
        http.send("PUT", version, "{\"location\":\"westeurope\",\"properties\":{\"storageProfile\":{\"source\":"
                + "{\"id\":\"" + path(image) + "\"}}}}", 201);
        http.send("PUT", copy, "{\"location\":\"westeurope\",\"properties\":{\"storageProfile\":{\"source\":"
                + "{\"id\":\"" + path(version) + "\"}}}}", 201);
        http.send("GET", rg, null, 200);
    }

    /** After {@link #build}: a snapshot of the VM's OS disk and a version of the definition from it. */
    void layer() throws Exception {
        String disk = http.send("GET", vm, null, 200).at("/properties/storageProfile/osDisk/managedDisk/id").asText();
        http.send("PUT", snapshot, "{\"location\":\"westeurope\",\"properties\":{\"creationData\":"
                + "{\"createOption\":\"copy\",\"sourceResourceId\":\"" + disk + "\"}}}", 202);
        http.send("PUT", fromSnapshot, "{\"location\":\"westeurope\",\"properties\":{\"storageProfile\":"
                + "{\"osDiskImage\":{\"source\":{\"id\":\"" + path(snapshot) + "\"}}}}}", 201);
    }

    static String path(String url) {
        return url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    }
}

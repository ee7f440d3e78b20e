package dev.imagebaker.azureimage.emulator;

import java.util.Set;

/**
 * Contract cases of the platform the bake stands on: subscriptions, resource groups, networks, storage, SKUs and
 * marketplace terms. Folders per letter as in {@link ContractTest}. Where the index of the specs held no example
 * for an operation, the case names the operation's model and reuses the shape of the type's create example.
 */
final class PlatformContracts {
    private static final String RV = "?api-version=2025-04-01";
    private static final String NV = "?api-version=2025-03-01";
    private static final String SV = "?api-version=2025-06-01";
    static final Set<Integer> OK = Set.of(200);
    static final Set<Integer> CREATED = Set.of(200, 201);
    static final Set<Integer> DELETED = Set.of(200, 202, 204);
    // R 2022-12-01 GetSubscription.json / GetSubscriptions.json.
    private static final String SUBSCRIPTION = """
            {"id":"","subscriptionId":"","tenantId":"","displayName":"","state":"","authorizationSource":"",
             "subscriptionPolicies":{"locationPlacementId":"","quotaId":"","spendingLimit":""}}""";
    // R 2022-12-01 GetLocations.json.
    private static final String LOCATIONS = """
            {"value":[{"id":"","name":"","type":"","displayName":"","regionalDisplayName":"",
             "metadata":{"regionType":"","regionCategory":"","geography":"","geographyGroup":"","longitude":"",
             "latitude":"","physicalLocation":"","pairedRegion":[{"name":"","id":""}]},
             "availabilityZoneMappings":[{"logicalZone":"","physicalZone":""}]}]}""";
    // R CreateResourceGroup.json.
    private static final String GROUP = """
            {"id":"","name":"","location":"","properties":{"provisioningState":""}}""";
    // N VirtualNetworkCreate.json, with the subnet of N VirtualNetworkCreateSubnet.json.
    private static final String VNET = """
            {"name":"","id":"","type":"","location":"","properties":{"provisioningState":"",
             "addressSpace":{"addressPrefixes":[]},"subnets":[{"name":"","id":"","type":"",
             "properties":{"addressPrefix":"","provisioningState":""}}],"virtualNetworkPeerings":[]}}""";
    private static final String SUBNET = """
            {"name":"","id":"","type":"","properties":{"addressPrefix":"","provisioningState":""}}""";
    // N NetworkInterfaceCreate.json.
    private static final String NIC = """
            {"name":"","id":"","location":"","type":"","properties":{"provisioningState":"",
             "ipConfigurations":[{"name":"","id":"","properties":{"provisioningState":"","privateIPAddress":"",
             "privateIPAllocationMethod":"","subnet":{"id":""},"primary":true,"privateIPAddressVersion":""}}],
             "dnsSettings":{"dnsServers":[],"appliedDnsServers":[]},"enableAcceleratedNetworking":false,
             "enableIPForwarding":false,"vnetEncryptionSupported":false}}""";
    // N NetworkSecurityGroupCreate.json (2024-05-01 as the emulator's NSG model cites it).
    private static final String NSG = """
            {"name":"","id":"","type":"","location":"","properties":{"provisioningState":"","securityRules":[],
             "defaultSecurityRules":[{"name":"","id":"","type":"","properties":{"description":"","protocol":"",
             "sourcePortRange":"","destinationPortRange":"","sourceAddressPrefix":"","destinationAddressPrefix":"",
             "access":"","priority":0,"direction":"","provisioningState":""}}]}}""";
    // N PublicIpAddressCreateDefaults.json.
    private static final String PIP = """
            {"name":"","type":"","id":"","location":"","properties":{"idleTimeoutInMinutes":4,
             "provisioningState":"","publicIPAddressVersion":"","publicIPAllocationMethod":""},"sku":{"name":""}}""";
    // N NatGatewayCreateOrUpdate.json (as NatGateways cites it).
    private static final String NAT = """
            {"name":"","id":"","type":"","location":"","sku":{"name":""},"properties":{"idleTimeoutInMinutes":0,
             "publicIpAddresses":[{"id":""}],"provisioningState":""}}""";
    // N RouteTableCreate.json.
    private static final String ROUTES = """
            {"name":"","type":"","id":"","location":"","properties":{"provisioningState":"","routes":[]}}""";
    // S StorageAccountGetProperties.json (the keys this account has).
    private static final String ACCOUNT = """
            {"id":"","kind":"","location":"","name":"","type":"","tags":{},"sku":{"name":"","tier":""},
             "properties":{"creationTime":"","primaryEndpoints":{"blob":""},"provisioningState":""}}""";
    private final ContractCases cases;
    private final String sub;
    private final String rg;
    private final String net;

    PlatformContracts(ContractCases cases, String sub) {
        this.cases = cases;
        this.sub = sub;
        this.rg = "/subscriptions/" + sub + "/resourceGroups/myResourceGroup";
        this.net = rg + "/providers/Microsoft.Network";
    }

    void beforeCompute() throws Exception {
        String s = "/subscriptions/" + sub;
        cases.c("Subscriptions_List", "R GetSubscriptions.json", "GET", "/subscriptions?api-version=2022-12-01",
                null, OK, "{\"value\":[" + SUBSCRIPTION + "]}");
        cases.c("Subscriptions_Get", "R GetSubscription.json", "GET", s + "?api-version=2022-12-01", null, OK,
                SUBSCRIPTION);
        cases.c("Subscriptions_ListLocations", "R GetLocations.json", "GET", s + "/locations?api-version=2022-12-01",
                null, OK, LOCATIONS);
        // CreateResourceGroup.json sends location "eastus"; the answer also has type and tags (ResourceGroup model).
        cases.c("ResourceGroups_CreateOrUpdate", "R CreateResourceGroup.json", "PUT", rg + RV,
                "{\"location\":\"West US\"}", CREATED, GROUP, "type", "tags");
        cases.c("ResourceGroups_Get", "R ResourceGroup model, as CreateResourceGroup.json", "GET", rg + RV, null,
                OK, GROUP, "type", "tags");
        cases.c("ResourceGroups_CheckExistence", "R resources.json ResourceGroups_CheckExistence (204/404)", "HEAD",
                rg + RV, null, Set.of(204), null);
        cases.c("ResourceGroups_Update", "R ResourceGroupPatchable model", "PATCH", rg + RV,
                "{\"tags\":{\"tag1\":\"value1\"}}", OK, GROUP, "type", "tags");
        cases.c("ResourceGroups_List", "R ResourceGroupListResult model", "GET", s + "/resourcegroups" + RV, null,
                OK, "{\"value\":[" + GROUP + "]}", "value[].type", "value[].tags");
        network();
        storage();
        cases.c("ResourceSkus_List", "K ListAvailableResourceSkusForARegion.json", "GET",
                s + "/providers/Microsoft.Compute/skus?api-version=2021-07-01&$filter=location%20eq%20'westus'",
                null, OK, null);
        terms(s);
    }

    private void network() throws Exception {
        String vnet = net + "/virtualNetworks/test-vnet";
        cases.c("VirtualNetworks_CreateOrUpdate", "N VirtualNetworkCreateSubnet.json", "PUT", vnet + NV,
                "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]},"
                        + "\"subnets\":[{\"name\":\"test-1\",\"properties\":{\"addressPrefix\":\"10.0.0.0/24\"}}]}}",
                CREATED, VNET, "tags", "properties.resourceGuid", "properties.subnets[].properties.defaultOutboundAccess");
        cases.c("VirtualNetworks_Get", "N VirtualNetworkGet.json", "GET", vnet + NV, null, OK, VNET, "tags",
                "properties.resourceGuid", "properties.subnets[].properties.defaultOutboundAccess");
        cases.c("Subnets_CreateOrUpdate", "N SubnetCreate.json", "PUT", vnet + "/subnets/subnet1" + NV,
                "{\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}}", CREATED, SUBNET,
                "properties.defaultOutboundAccess");
        cases.c("Subnets_Get", "N SubnetGet.json", "GET", vnet + "/subnets/subnet1" + NV, null, OK, SUBNET,
                "properties.defaultOutboundAccess");
        String subnet = "/subscriptions/" + sub + "/resourceGroups/myResourceGroup/providers/Microsoft.Network"
                + "/virtualNetworks/test-vnet/subnets/test-1";
        // The NIC of the compute cases lives in West US: a second network there.
        cases.setup("PUT", net + "/virtualNetworks/vnet-westus" + NV, "{\"location\":\"westus\",\"properties\":"
                + "{\"addressSpace\":{\"addressPrefixes\":[\"10.1.0.0/16\"]},\"subnets\":[{\"name\":\"default\","
                + "\"properties\":{\"addressPrefix\":\"10.1.0.0/24\"}}]}}", 201);
        cases.c("NetworkInterfaces_CreateOrUpdate", "N NetworkInterfaceCreate.json", "PUT",
                net + "/networkInterfaces/test-nic" + NV, "{\"location\":\"eastus\",\"properties\":{"
                        + "\"ipConfigurations\":[{\"name\":\"ipconfig1\",\"properties\":{\"subnet\":{\"id\":\"" + subnet
                        + "\"}}}]}}", CREATED, NIC, "tags", "properties.resourceGuid");
        cases.c("NetworkInterfaces_Get", "N NetworkInterfaceGet.json", "GET", net + "/networkInterfaces/test-nic" + NV,
                null, OK, NIC, "tags", "properties.resourceGuid");
        cases.setup("PUT", net + "/networkInterfaces/myNic" + NV, "{\"location\":\"westus\",\"properties\":{"
                + "\"ipConfigurations\":[{\"name\":\"ipconfig1\",\"properties\":{\"subnet\":{\"id\":\"" + rg
                + "/providers/Microsoft.Network/virtualNetworks/vnet-westus/subnets/default\"}}}]}}", 201);
        plainTypes();
    }

    /** PUT, GET, list, PATCH (UpdateTags) for the other network types; DELETE comes after the compute cases. */
    private void plainTypes() throws Exception {
        String[][] types = {
            {"networkInterfaces", "NetworkInterface", NIC, null},
            {"networkSecurityGroups", "NetworkSecurityGroup", NSG, "{\"location\":\"eastus\"}"},
            {"publicIPAddresses", "PublicIpAddress", PIP, "{\"location\":\"eastus\"}"},
            {"routeTables", "RouteTable", ROUTES, "{\"location\":\"eastus\"}"},
            {"virtualNetworks", "VirtualNetwork", VNET, null},
        };
        for (String[] t : types) {
            String name = t[0].equals("networkInterfaces") ? "test-nic" : t[0].equals("virtualNetworks") ? "test-vnet"
                    : "test-" + t[0];
            String item = net + "/" + t[0] + "/" + name;
            if (t[3] != null) {
                cases.c(t[0] + "_CreateOrUpdate", "N " + t[1] + "Create.json", "PUT", item + NV, t[3], CREATED, t[2],
                        "tags", "properties.resourceGuid", "sku", "properties.ddosSettings");
                cases.c(t[0] + "_Get", "N " + t[1] + "Get.json", "GET", item + NV, null, OK, t[2], "tags",
                        "properties.resourceGuid", "sku", "properties.ddosSettings");
            }
            cases.c(t[0] + "_List", "N " + t[1] + "List.json", "GET", net + "/" + t[0] + NV, null, OK, null);
            cases.c(t[0] + "_UpdateTags", "N " + t[1] + "UpdateTags.json", "PATCH", item + NV,
                    "{\"tags\":{\"tag1\":\"value1\",\"tag2\":\"value2\"}}", OK, null);
        }
        String pip = rg + "/providers/Microsoft.Network/publicIPAddresses/nat-ip";
        cases.setup("PUT", net + "/publicIPAddresses/nat-ip" + NV,
                "{\"location\":\"eastus\",\"sku\":{\"name\":\"standard\"}}", 201);
        String nat = net + "/natGateways/test-natgateway";
        String natBody = "{\"location\":\"eastus\",\"sku\":{\"name\":\"Standard\"},\"properties\":"
                + "{\"publicIpAddresses\":[{\"id\":\"" + pip + "\"}]}}";
        cases.c("NatGateways_CreateOrUpdate", "N NatGatewayCreateOrUpdate.json", "PUT", nat + NV, natBody, CREATED,
                NAT, "tags", "properties.resourceGuid");
        cases.c("NatGateways_Get", "N NatGatewayGet.json", "GET", nat + NV, null, OK, NAT, "tags",
                "properties.resourceGuid");
        cases.c("NatGateways_List", "N NatGatewayList.json", "GET", net + "/natGateways" + NV, null, OK, null);
        cases.c("NatGateways_UpdateTags", "N NatGatewayUpdateTags.json", "PATCH", nat + NV,
                "{\"tags\":{\"tag1\":\"value1\"}}", OK, NAT, "tags", "properties.resourceGuid");
    }

    private void storage() throws Exception {
        String account = rg + "/providers/Microsoft.Storage/storageAccounts/sto4445";
        // StorageAccountCreate.json lists 200 (with body) and 202 (none): the emulator creates the long-running way.
        cases.c("StorageAccounts_Create", "S StorageAccountCreate.json", "PUT", account + SV,
                "{\"sku\":{\"name\":\"standard_grs\"},\"kind\":\"storage\",\"location\":\"eastus\"}", Set.of(200, 202),
                null);
        cases.c("StorageAccounts_GetProperties", "S StorageAccountGetProperties.json", "GET", account + SV, null, OK,
                ACCOUNT);
        cases.c("StorageAccounts_ListByResourceGroup", "S StorageAccountListByResourceGroup.json", "GET",
                rg + "/providers/Microsoft.Storage/storageAccounts" + SV, null, OK, "{\"value\":[" + ACCOUNT + "]}");
        cases.c("StorageAccounts_Update", "S StorageAccountUpdate.json", "PATCH", account + SV,
                "{\"tags\":{\"key1\":\"value1\"}}", OK, ACCOUNT);
        cases.c("StorageAccounts_ListKeys", "S StorageAccountListKeys.json", "POST", account + "/listKeys" + SV, null,
                OK, "{\"keys\":[{\"keyName\":\"\",\"value\":\"\",\"permissions\":\"\",\"creationTime\":\"\"}]}");
        cases.c("StorageAccounts_ListServiceSAS", "S StorageAccountListServiceSAS.json", "POST",
                account + "/ListServiceSas" + SV, "{\"canonicalizedResource\":\"/blob/sto4445/music\","
                        + "\"signedResource\":\"c\",\"signedPermission\":\"l\",\"signedExpiry\":\"2099-05-24T11:32:48Z\"}",
                OK, "{\"serviceSasToken\":\"\"}");
        cases.c("StorageAccounts_CheckNameAvailability", "S StorageAccountCheckNameAvailability.json", "POST",
                "/subscriptions/" + sub + "/providers/Microsoft.Storage/checkNameAvailability" + SV,
                "{\"name\":\"sto3363\",\"type\":\"Microsoft.Storage/storageAccounts\"}", OK,
                "{\"nameAvailable\":true}");
        String container = account + "/blobServices/default/containers/container6185";
        cases.c("BlobContainers_Create", "S BlobContainersPut.json", "PUT", container + SV, "{}", CREATED,
                "{\"id\":\"\",\"name\":\"\",\"type\":\"\"}", "properties");
        cases.c("BlobContainers_Get", "S BlobContainersGet.json", "GET", container + SV, null, OK,
                "{\"id\":\"\",\"name\":\"\",\"type\":\"\",\"properties\":{\"publicAccess\":\"\"}}");
        cases.c("BlobContainers_Delete", "S BlobContainersDelete.json", "DELETE", container + SV, null,
                Set.of(200, 204), null);
        cases.c("StorageAccounts_Delete", "S StorageAccountDelete.json", "DELETE", account + SV, null,
                Set.of(200, 204), null);
    }

    /** M 2021-01-01 examples: GetMarketplaceTerms.json, SetMarketplaceTerms.json, GetAgreementMarketplaceTerms.json. */
    private void terms(String s) throws Exception {
        String current = s + "/providers/Microsoft.MarketplaceOrdering/offerTypes/virtualmachine/publishers/"
                + "center-for-internet-security-inc/offers/cis-ubuntu/plans/cis-ubuntu2404-l1/agreements/current"
                + "?api-version=2021-01-01";
        String terms = """
                {"id":"","name":"","type":"","properties":{"publisher":"","product":"","plan":"",
                 "licenseTextLink":"","privacyPolicyLink":"","marketplaceTermsLink":"","retrieveDatetime":"",
                 "signature":"","accepted":true}}""";
        cases.c("MarketplaceAgreements_Create", "M SetMarketplaceTerms.json", "PUT", current,
                "{\"properties\":{\"publisher\":\"center-for-internet-security-inc\",\"product\":\"cis-ubuntu\","
                        + "\"plan\":\"cis-ubuntu2404-l1\",\"accepted\":true}}", OK, terms);
        // retrieveDatetime "is empty if Accepted is false" (swagger): read once the terms are accepted.
        cases.c("MarketplaceAgreements_Get", "M GetMarketplaceTerms.json", "GET", current, null, OK, terms);
        String agreement = s + "/providers/Microsoft.MarketplaceOrdering/agreements/center-for-internet-security-inc"
                + "/offers/cis-ubuntu/plans/cis-ubuntu2404-l1";
        String signed = """
                {"id":"","name":"","type":"","properties":{"publisher":"","offer":"","signDate":"","state":""}}""";
        cases.c("MarketplaceAgreements_GetAgreement", "M GetAgreementMarketplaceTerms.json", "GET",
                agreement + "?api-version=2021-01-01", null, OK, signed, "properties.id");
        cases.c("MarketplaceAgreements_Sign", "M SignMarketplaceTerms.json", "POST",
                agreement + "/sign?api-version=2021-01-01", null, OK, signed, "properties.id");
        cases.c("MarketplaceAgreements_Cancel", "M CancelMarketplaceTerms.json", "POST",
                agreement + "/cancel?api-version=2021-01-01", null, OK,
                "{\"id\":\"\",\"name\":\"\",\"type\":\"\",\"properties\":{\"publisher\":\"\",\"offer\":\"\","
                        + "\"cancelDate\":\"\",\"state\":\"\"}}", "properties.id");
        cases.setup("POST", agreement + "/sign?api-version=2021-01-01", null, 200);
    }

    /** Deletions, once the compute resources that used the networks are gone. */
    void afterCompute() throws Exception {
        for (String type : new String[] {"networkInterfaces", "networkSecurityGroups", "publicIPAddresses",
            "routeTables", "natGateways"}) {
            String name = type.equals("networkInterfaces") ? "test-nic" : type.equals("natGateways")
                    ? "test-natgateway" : "test-" + type;
            cases.c(type + "_Delete", "N " + type + " Delete example", "DELETE", net + "/" + type + "/" + name + NV,
                    null, DELETED, null);
        }
        String vnet = net + "/virtualNetworks/test-vnet";
        cases.c("Subnets_Delete", "N SubnetDelete.json", "DELETE", vnet + "/subnets/subnet1" + NV, null, DELETED,
                null);
        cases.c("VirtualNetworks_Delete", "N VirtualNetworkDelete.json", "DELETE", vnet + NV, null, DELETED, null);
        cases.c("Resources_ListByResourceGroup", "R resources.json Resources_ListByResourceGroup", "GET",
                rg + "/resources" + RV, null, OK, null);
        cases.c("ResourceGroups_Delete", "R resources.json ResourceGroups_Delete (200/202)", "DELETE", rg + RV, null,
                Set.of(200, 202), null);
    }
}

package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import com.azure.resourcemanager.network.fluent.models.NatGatewayInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.RouteInner;
import com.azure.resourcemanager.network.fluent.models.RouteTableInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.NatGatewaySku;
import com.azure.resourcemanager.network.models.NatGatewaySkuName;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.RouteNextHopType;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import com.azure.resourcemanager.network.models.ServiceEndpointPropertiesFormat;
import com.azure.resourcemanager.storage.models.DefaultAction;
import com.azure.resourcemanager.storage.models.Kind;
import com.azure.resourcemanager.storage.models.NetworkRuleSet;
import com.azure.resourcemanager.storage.models.Sku;
import com.azure.resourcemanager.storage.models.SkuName;
import com.azure.resourcemanager.storage.models.StorageAccountCreateParameters;
import com.azure.resourcemanager.storage.models.VirtualNetworkRule;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Network resources in the shapes Azure answers, with the references between them. */
class NetworkShapesTest extends PlacementFixture {

    private PublicIpAddressInner publicIp(String name, PublicIpAddressSkuName sku, IpAllocationMethod allocation) {
        group();
        PublicIpAddressInner pip = new PublicIpAddressInner().withLocation(REGION);
        if (sku != null) {
            pip.withSku(new PublicIpAddressSku().withName(sku));
        }
        if (allocation != null) {
            pip.withPublicIpAllocationMethod(allocation);
        }
        return azure.networkManager().serviceClient().getPublicIpAddresses().createOrUpdate(RG, name, pip);
    }

    private NatGatewayInner natGateway(String name, String pipId) {
        return azure.networkManager().serviceClient().getNatGateways().createOrUpdate(RG, name, new NatGatewayInner()
                .withLocation(REGION).withSku(new NatGatewaySku().withName(NatGatewaySkuName.STANDARD))
                .withPublicIpAddresses(List.of(ref(pipId))));
    }

    /** Research notes 1.3 (spec PublicIpAddressCreateDefaults.json; pulumi-azure-native #1597 for the refusal). */
    @Test
    void publicIpsDefaultToBasicDynamicAndStandardOnesAreStatic() {
        PublicIpAddressInner basic = publicIp("basic", null, null);
        assertThat(basic.sku().name()).isEqualTo(PublicIpAddressSkuName.BASIC);
        assertThat(basic.publicIpAllocationMethod()).isEqualTo(IpAllocationMethod.DYNAMIC);
        assertThat(basic.idleTimeoutInMinutes()).isEqualTo(4);
        PublicIpAddressInner standard = publicIp("standard", PublicIpAddressSkuName.STANDARD, null);
        assertThat(standard.publicIpAllocationMethod()).isEqualTo(IpAllocationMethod.STATIC);
        assertThat(standard.ipAddress()).isNotBlank();
        assertThat(standard.ddosSettings().protectionMode().toString()).isEqualTo("VirtualNetworkInherited");
        assertArmError(() -> publicIp("dynamic", PublicIpAddressSkuName.STANDARD, IpAllocationMethod.DYNAMIC),
                "StandardSkuPublicIPAddressesMustBeStatic");
    }

    /**
     * Rule 3 (spec NatGatewayCreateOrUpdate.json; Azure/az-hop natgateway.bicep): Standard sku, Standard Static IPs,
     * idle timeout 4 by default, subnets[] back-filled once a subnet references the gateway.
     */
    @Test
    void natGatewaysTakeStandardStaticIpsAndListTheirSubnets() {
        String basic = publicIp("basic", PublicIpAddressSkuName.BASIC, IpAllocationMethod.STATIC).id();
        assertArmError(() -> natGateway("nat", basic), "NatGatewayPublicIpMustBeStandardStatic");
        String standard = publicIp("standard", PublicIpAddressSkuName.STANDARD, IpAllocationMethod.STATIC).id();
        assertArmError(() -> azure.networkManager().serviceClient().getNatGateways().createOrUpdate(RG, "nosku",
                new NatGatewayInner().withLocation(REGION).withPublicIpAddresses(List.of(ref(standard)))),
                "InvalidNatGatewaySku");
        NatGatewayInner nat = natGateway("nat", standard);
        assertThat(nat.idleTimeoutInMinutes()).isEqualTo(4);
        assertThat(nat.subnets()).isNullOrEmpty();
        String subnet = network("vnet", new SubnetInner().withName("default").withAddressPrefix("10.0.0.0/24")
                .withNatGateway(ref(nat.id())));
        NatGatewayInner after = azure.networkManager().serviceClient().getNatGateways().getByResourceGroup(RG, "nat");
        assertThat(after.subnets()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(subnet));
        assertArmError(() -> azure.networkManager().serviceClient().getNatGateways().delete(RG, "nat"),
                "InUseNatGatewayCannotBeDeleted");
        assertArmError(() -> azure.networkManager().serviceClient().getPublicIpAddresses().delete(RG, "standard"),
                "PublicIPAddressCannotBeDeleted");
    }

    /** Rule 4 (spec NetworkSecurityGroupCreateWithRule.json): six default rules; user rules gain id and state. */
    @Test
    void securityGroupsCarryTheSixDefaultRulesAndNeedPriorities() {
        group();
        SecurityRuleInner ssh = new SecurityRuleInner().withName("ssh").withProtocol(SecurityRuleProtocol.TCP)
                .withSourceAddressPrefix("*").withDestinationAddressPrefix("*").withSourcePortRange("*")
                .withDestinationPortRange("22").withAccess(SecurityRuleAccess.ALLOW)
                .withDirection(SecurityRuleDirection.INBOUND);
        assertArmError(() -> azure.networkManager().serviceClient().getNetworkSecurityGroups().createOrUpdate(RG,
                "nsg", new NetworkSecurityGroupInner().withLocation(REGION).withSecurityRules(List.of(ssh))),
                "SecurityRuleInvalidPriority");
        NetworkSecurityGroupInner nsg = azure.networkManager().serviceClient().getNetworkSecurityGroups()
                .createOrUpdate(RG, "nsg", new NetworkSecurityGroupInner().withLocation(REGION)
                        .withSecurityRules(List.of(ssh.withPriority(100))));
        assertThat(nsg.securityRules()).singleElement().satisfies(r -> {
            assertThat(r.id()).endsWith("/networkSecurityGroups/nsg/securityRules/ssh");
            assertThat(r.provisioningState().toString()).isEqualTo("Succeeded");
        });
        assertThat(nsg.defaultSecurityRules()).extracting(SecurityRuleInner::name).containsExactly("AllowVnetInBound",
                "AllowAzureLoadBalancerInBound", "DenyAllInBound", "AllowVnetOutBound", "AllowInternetOutBound",
                "DenyAllOutBound");
        SecurityRuleInner internet = nsg.defaultSecurityRules().get(4);
        assertThat(internet.priority()).isEqualTo(65001);
        assertThat(internet.destinationAddressPrefix()).isEqualTo("Internet");
        assertThat(internet.description()).isEqualTo("Allow outbound traffic from all VMs to Internet");
        assertThat(internet.id()).endsWith("/networkSecurityGroups/nsg/defaultSecurityRules/AllowInternetOutBound");
    }

    /**
     * Research notes 1.4 and 1.5 (spec SubnetCreateServiceEndpoint.json): a subnet holds its NSG, route table and
     * service endpoints, which gain the region and its pair; GET of the subnet returns all of it.
     */
    @Test
    void aSubnetEchoesItsReferencesAndServiceEndpoints() {
        group();
        String nsg = azure.networkManager().serviceClient().getNetworkSecurityGroups().createOrUpdate(RG, "nsg",
                new NetworkSecurityGroupInner().withLocation(REGION)).id();
        RouteTableInner routes = azure.networkManager().serviceClient().getRouteTables().createOrUpdate(RG, "routes",
                new RouteTableInner().withLocation(REGION).withRoutes(List.of(new RouteInner().withName("internet")
                        .withAddressPrefix("0.0.0.0/0").withNextHopType(RouteNextHopType.INTERNET))));
        assertThat(routes.routes().get(0).id()).endsWith("/routeTables/routes/routes/internet");
        network("vnet", new SubnetInner().withName("default").withAddressPrefix("10.0.0.0/24")
                .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(nsg))
                .withRouteTable(new RouteTableInner().withId(routes.id()))
                .withServiceEndpoints(List.of(new ServiceEndpointPropertiesFormat().withService("Microsoft.Storage"))));
        SubnetInner subnet = azure.networkManager().serviceClient().getSubnets().get(RG, "vnet", "default");
        assertThat(subnet.networkSecurityGroup().id()).isEqualTo(nsg);
        assertThat(subnet.routeTable().id()).isEqualTo(routes.id());
        assertThat(subnet.serviceEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.locations()).containsExactly("westeurope", "northeurope");
            assertThat(e.provisioningState().toString()).isEqualTo("Succeeded");
        });
        assertThat(subnet.defaultOutboundAccess()).isNull();
        assertArmError(() -> azure.networkManager().serviceClient().getNetworkSecurityGroups().delete(RG, "nsg"),
                "InUseNetworkSecurityGroupCannotBeDeleted");
        assertArmError(() -> network("broken", new SubnetInner().withName("default").withAddressPrefix("10.0.0.0/24")
                .withNatGateway(ref(nsg.replace("nsg", "missing")))), "InvalidResourceReference");
    }

    private Raw putVnet(String name, String apiVersion, String subnetProperties) {
        return raw(HttpMethod.PUT, "/subscriptions/" + SUB + "/resourceGroups/" + RG
                + "/providers/Microsoft.Network/virtualNetworks/" + name + "?api-version=" + apiVersion,
                "{\"location\":\"westeurope\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]},"
                        + "\"subnets\":[{\"name\":\"default\",\"properties\":{\"addressPrefix\":\"10.0.0.0/24\""
                        + subnetProperties + "}}]}}");
    }

    private static JsonNode defaultOutbound(Raw vnet) {
        return vnet.body().path("properties").path("subnets").get(0).path("properties").get("defaultOutboundAccess");
    }

    /**
     * Rule 1 (Tech Community "Private subnets by default"; ARM template change log): from network API 2025-07-01 a
     * new subnet without defaultOutboundAccess is private; before, the property stays absent; existing subnets keep
     * their value.
     */
    @Test
    void defaultOutboundAccessFollowsTheApiVersion() {
        group();
        JsonNode recent = defaultOutbound(putVnet("recent", "2025-07-01", ""));
        assertThat(recent.isBoolean() && !recent.asBoolean()).isTrue();
        assertThat(defaultOutbound(putVnet("older", "2025-03-01", ""))).isNull();
        assertThat(defaultOutbound(putVnet("older", "2025-07-01", ""))).isNull();
        assertThat(defaultOutbound(putVnet("explicit", "2025-07-01", ",\"defaultOutboundAccess\":true")).asBoolean())
                .isTrue();
        assertThat(defaultOutbound(putVnet("explicit", "2025-07-01", "")).asBoolean()).isTrue();
        assertThat(defaultOutbound(putVnet("ancient", "2023-04-01", ",\"defaultOutboundAccess\":false"))).isNull();
        Raw subnet = raw(HttpMethod.PUT, "/subscriptions/" + SUB + "/resourceGroups/" + RG + "/providers/"
                + "Microsoft.Network/virtualNetworks/older/subnets/second?api-version=2025-07-01",
                "{\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}}");
        assertThat(subnet.status()).isEqualTo(201);
        assertThat(subnet.body().path("properties").path("defaultOutboundAccess").asBoolean(true)).isFalse();
        assertThat(azure.networkManager().serviceClient().getSubnets().get(RG, "older", "second")
                .defaultOutboundAccess()).isFalse();
    }

    /** Rule 5 (spec StorageAccountUpdate.json): a storage account's subnet rule is stored with action Allow. */
    @Test
    void storageSubnetRulesDefaultToAllow() {
        String subnet = privateSubnet("vnet");
        var account = azure.storageManager().serviceClient().getStorageAccounts().create(RG, "azimgnet01",
                new StorageAccountCreateParameters().withLocation(REGION).withKind(Kind.STORAGE_V2)
                        .withSku(new Sku().withName(SkuName.STANDARD_LRS)).withNetworkRuleSet(new NetworkRuleSet()
                                .withDefaultAction(DefaultAction.DENY).withVirtualNetworkRules(List.of(
                                        new VirtualNetworkRule().withVirtualNetworkResourceId(subnet)))));
        assertThat(account.networkRuleSet().virtualNetworkRules()).singleElement().satisfies(r -> {
            assertThat(r.virtualNetworkResourceId()).isEqualTo(subnet);
            assertThat(r.action().toString()).isEqualTo("Allow");
        });
    }

    private String privateIp(String nicId) {
        String name = nicId.substring(nicId.lastIndexOf('/') + 1);
        return azure.networkManager().serviceClient().getNetworkInterfaces().getByResourceGroup(RG, name)
                .ipConfigurations().get(0).privateIpAddress();
    }

    /**
     * Dynamic private addresses come from the NIC's subnet: Azure keeps the first four and the last address of a
     * subnet, hands out the next free one, keeps it while the NIC lives, and reuses it once the NIC is deleted
     * (MicrosoftDocs/azure-docs articles/virtual-network/ip-services/private-ip-addresses.md, "Allocation method";
     * virtual-network-networks-faq.md for the five reserved addresses). A full subnet is 400 SubnetIsFull.
     */
    @Test
    void dynamicPrivateAddressesComeFromTheSubnet() {
        String subnet = network("vnet", new SubnetInner().withName("small").withAddressPrefix("10.0.1.0/29"));
        String first = nic("nic1", subnet, null);
        String second = nic("nic2", subnet, null);
        assertThat(privateIp(first)).isEqualTo("10.0.1.4");
        assertThat(privateIp(second)).isEqualTo("10.0.1.5");
        nic("nic1", subnet, null);
        assertThat(privateIp(first)).as("kept on update").isEqualTo("10.0.1.4");
        assertThat(privateIp(nic("nic3", subnet, null))).isEqualTo("10.0.1.6");
        assertArmError(() -> nic("nic4", subnet, null), "SubnetIsFull");
        azure.networkManager().serviceClient().getNetworkInterfaces().delete(RG, "nic1");
        assertThat(privateIp(nic("nic4", subnet, null))).as("freed by the deletion").isEqualTo("10.0.1.4");
    }
}

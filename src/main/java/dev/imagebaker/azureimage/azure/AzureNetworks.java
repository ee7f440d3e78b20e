package dev.imagebaker.azureimage.azure;

import com.azure.core.management.SubResource;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NatGatewayInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.RouteTableInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.NatGatewaySku;
import com.azure.resourcemanager.network.models.NatGatewaySkuName;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuTier;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import com.azure.resourcemanager.network.models.ServiceEndpointPropertiesFormat;
import dev.imagebaker.azureimage.bake.cloud.Networks;
import dev.imagebaker.azureimage.config.AzureRegions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build VM's network. The plugin's own: an NSG whose one rule denies all inbound traffic (above Azure's default
 * rules, which would let the virtual network in), a NAT gateway with a Standard static public IP (a NAT gateway
 * takes no other), and a subnet with both, a Microsoft.Storage service endpoint, and default outbound access off,
 * said explicitly: private whatever the network API version's default. An existing subnet is only read.
 */
final class AzureNetworks implements Networks {
    private static final Pattern SUBNET_ID = Pattern.compile("(?i)^/subscriptions/[^/]+/resourceGroups/([^/]+)"
            + "/providers/Microsoft\\.Network/virtualNetworks/([^/]+)/subnets/([^/]+)$");
    private final ArmClients clients;

    AzureNetworks(ArmClients clients) {
        this.clients = clients;
    }

    private NetworkManagementClient network() {
        return clients.network();
    }

    @Override
    public String createBuildNetwork(String group, String location, String name, boolean withNat,
                                     Map<String, String> tags, Duration timeout) {
        String nsgId = clients.resourceId(group, "Microsoft.Network/networkSecurityGroups", name + "-nsg");
        Lro.awaitDone(() -> network().getNetworkSecurityGroups()
                .beginCreateOrUpdate(group, name + "-nsg", new NetworkSecurityGroupInner().withLocation(location)
                        .withTags(tags).withSecurityRules(List.of(new SecurityRuleInner().withName("DenyAllInbound")
                                .withPriority(4096).withDirection(SecurityRuleDirection.INBOUND)
                                .withAccess(SecurityRuleAccess.DENY).withProtocol(SecurityRuleProtocol.ASTERISK)
                                .withSourceAddressPrefix("*").withSourcePortRange("*")
                                .withDestinationAddressPrefix("*").withDestinationPortRange("*")))),
                timeout, "Creating network security group " + name + "-nsg", PollSchedule.NETWORK);
        SubnetInner subnet = new SubnetInner().withName("build").withAddressPrefix("10.0.0.0/24")
                .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(nsgId))
                .withServiceEndpoints(List.of(new ServiceEndpointPropertiesFormat().withService("Microsoft.Storage")))
                .withDefaultOutboundAccess(false);
        if (withNat) {
            subnet.withNatGateway(new SubResource().withId(natGateway(group, location, name, tags, timeout)));
        }
        Lro.awaitDone(() -> network().getVirtualNetworks().beginCreateOrUpdate(group,
                name + "-vnet", new VirtualNetworkInner().withLocation(location).withTags(tags)
                        .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.0.0.0/24")))
                        .withSubnets(List.of(subnet))), timeout, "Creating virtual network " + name + "-vnet",
                PollSchedule.NETWORK);
        return clients.resourceId(group, "Microsoft.Network/virtualNetworks", name + "-vnet") + "/subnets/build";
    }

    private String natGateway(String group, String location, String name, Map<String, String> tags,
                              Duration timeout) {
        String ipId = clients.resourceId(group, "Microsoft.Network/publicIPAddresses", name + "-nat-ip");
        Lro.awaitDone(() -> network().getPublicIpAddresses().beginCreateOrUpdate(group,
                name + "-nat-ip", new PublicIpAddressInner().withLocation(location).withTags(tags)
                        .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD)
                                .withTier(PublicIpAddressSkuTier.REGIONAL))
                        .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)), timeout,
                "Creating public IP " + name + "-nat-ip", PollSchedule.NETWORK);
        Lro.awaitDone(() -> network().getNatGateways().beginCreateOrUpdate(group, name + "-nat",
                new NatGatewayInner().withLocation(location).withTags(tags)
                        .withSku(new NatGatewaySku().withName(NatGatewaySkuName.STANDARD))
                        .withPublicIpAddresses(List.of(new SubResource().withId(ipId)))), timeout,
                "Creating NAT gateway " + name + "-nat", PollSchedule.NETWORK);
        return clients.resourceId(group, "Microsoft.Network/natGateways", name + "-nat");
    }

    @Override
    public Optional<SubnetInfo> subnet(String subnetId) {
        Matcher m = SUBNET_ID.matcher(subnetId);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            VirtualNetworkInner vnet = Lro.call(() -> network().getVirtualNetworks().getByResourceGroup(m.group(1),
                    m.group(2)));
            SubnetInner subnet = Lro.call(() -> network().getSubnets().get(m.group(1), m.group(2), m.group(3)));
            return Optional.of(new SubnetInfo(subnet.id(), AzureRegions.normalize(vnet.location()),
                    subnet.natGateway() != null, defaultRoute(subnet.routeTable()), subnet.defaultOutboundAccess()));
        } catch (dev.imagebaker.azureimage.bake.cloud.CloudException e) {
            if (e.getCause() instanceof ManagementException me && Lro.isNotFound(me)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A route table that sends 0.0.0.0/0 somewhere (a firewall, a virtual appliance). */
    private boolean defaultRoute(RouteTableInner table) {
        if (table == null || table.id() == null) {
            return false;
        }
        String[] p = table.id().split("/");
        RouteTableInner full = Lro.call(() -> network().getRouteTables().getByResourceGroup(p[4], p[8]));
        return full.routes() != null && full.routes().stream().anyMatch(r -> "0.0.0.0/0".equals(r.addressPrefix()));
    }
}

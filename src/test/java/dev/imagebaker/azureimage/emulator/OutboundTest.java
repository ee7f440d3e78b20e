package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.network.fluent.models.NatGatewayInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.NatGatewaySku;
import com.azure.resourcemanager.network.models.NatGatewaySkuName;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.ServiceEndpointPropertiesFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rule 2 (ad default-outbound-access.md): a VM reaches the internet through a public IP on its NIC, a NAT gateway
 * on its subnet, or default outbound access, which a change of the flag takes away only at the next allocation.
 */
class OutboundTest extends PlacementFixture {

    private boolean outbound(String vm) {
        return VmState.hasOutbound(emulator.cloud(), vmResource(vm));
    }

    private boolean storage(String vm) {
        return VmState.reachesStorage(emulator.cloud(), vmResource(vm));
    }

    private String standardIp(String name) {
        return azure.networkManager().serviceClient().getPublicIpAddresses().createOrUpdate(RG, name,
                new PublicIpAddressInner().withLocation(REGION)
                        .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                        .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)).id();
    }

    @Test
    void aVmInAPrivateSubnetHasNoWayOut() {
        create("vm", linuxVm(nicFor("vm"), "Standard_D2s_v5", ubuntu()));
        assertThat(outbound("vm")).isFalse();
        assertThat(storage("vm")).isFalse();
    }

    @Test
    void aPublicIpOnTheNicIsAWayOut() {
        String subnet = privateSubnet("vnet");
        create("vm", linuxVm(nic("nic", subnet, standardIp("pip")), "Standard_D2s_v5", ubuntu()));
        assertThat(outbound("vm")).isTrue();
    }

    @Test
    void aNatGatewayOnTheSubnetIsAWayOut() {
        group();
        String nat = azure.networkManager().serviceClient().getNatGateways().createOrUpdate(RG, "nat",
                new NatGatewayInner().withLocation(REGION).withSku(new NatGatewaySku().withName(NatGatewaySkuName.STANDARD))
                        .withPublicIpAddresses(List.of(ref(standardIp("pip"))))).id();
        String subnet = network("vnet", new SubnetInner().withName("default").withAddressPrefix("10.0.0.0/24")
                .withDefaultOutboundAccess(false).withNatGateway(ref(nat)));
        create("vm", linuxVm(nic("nic", subnet, null), "Standard_D2s_v5", ubuntu()));
        assertThat(outbound("vm")).isTrue();
    }

    /** Research notes 1.5: a Microsoft.Storage service endpoint reaches storage without any way out. */
    @Test
    void aStorageServiceEndpointReachesStorageOnly() {
        String subnet = network("vnet", new SubnetInner().withName("default").withAddressPrefix("10.0.0.0/24")
                .withDefaultOutboundAccess(false).withServiceEndpoints(List.of(
                        new ServiceEndpointPropertiesFormat().withService("Microsoft.Storage"))));
        create("vm", linuxVm(nic("nic", subnet, null), "Standard_D2s_v5", ubuntu()));
        assertThat(outbound("vm")).isFalse();
        assertThat(storage("vm")).isTrue();
    }

    /** "To completely remove the default outbound IPs ... the virtual machines must be stopped and deallocated." */
    @Test
    void makingTheSubnetPrivateTakesEffectAtTheNextAllocation() {
        String subnet = network("vnet", new SubnetInner().withName("default").withAddressPrefix("10.0.0.0/24"));
        create("vm", linuxVm(nic("nic", subnet, null), "Standard_D2s_v5", ubuntu()));
        assertThat(outbound("vm")).isTrue();
        network("vnet", new SubnetInner().withName("default").withAddressPrefix("10.0.0.0/24")
                .withDefaultOutboundAccess(false));
        azure.serviceClient().getVirtualMachines().restart(RG, "vm");
        assertThat(outbound("vm")).isTrue();
        azure.serviceClient().getVirtualMachines().deallocate(RG, "vm");
        azure.serviceClient().getVirtualMachines().start(RG, "vm");
        assertThat(outbound("vm")).isFalse();
    }
}

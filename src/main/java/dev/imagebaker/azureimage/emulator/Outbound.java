package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a VM can reach the internet (rule 2 of the research notes, after ad default-outbound-access.md): it can
 * when a NIC of it has a public IP, when its subnet has a NAT gateway, or when its subnet's effective
 * defaultOutboundAccess is not false (absent means true). The last one is fixed when the VM is allocated ("the
 * virtual machines must be stopped and deallocated" for a change of the flag to apply), so it is recorded in the
 * VM's private state as {@value #DEFAULT_OUTBOUND}; NICs and NAT gateways count as they are now. Load balancers
 * with outbound rules are not emulated. Storage is also reachable through a Microsoft.Storage service endpoint.
 */
final class Outbound {
    /** Private state of a VM: whether its allocation got default outbound access. */
    static final String DEFAULT_OUTBOUND = "defaultOutbound";

    private Outbound() {
    }

    /** Records what the VM's allocation got; called when a VM is allocated (created, or started when deallocated). */
    static void allocate(CloudState cloud, Resource vm) {
        boolean viaDefault = false;
        for (JsonNode subnet : subnets(cloud, vm)) {
            JsonNode flag = Json.at(subnet, "properties.defaultOutboundAccess");
            viaDefault |= flag == null || flag.isNull() || flag.asBoolean(true);
        }
        vm.state.put(DEFAULT_OUTBOUND, viaDefault);
    }

    /** Whether the VM has a way out to the internet. */
    static boolean internet(CloudState cloud, Resource vm) {
        for (ObjectNode config : ipConfigurations(cloud, vm)) {
            if (cloud.inventory.get(Json.text(config, "properties.publicIPAddress.id")) != null) {
                return true;
            }
        }
        for (JsonNode subnet : subnets(cloud, vm)) {
            if (cloud.inventory.get(Json.text(subnet, "properties.natGateway.id")) != null) {
                return true;
            }
        }
        if (!vm.state.has(DEFAULT_OUTBOUND)) {
            allocate(cloud, vm);
        }
        return vm.state.path(DEFAULT_OUTBOUND).asBoolean();
    }

    /** Whether the VM reaches Azure Storage: through the internet, or through a Microsoft.Storage service endpoint. */
    static boolean storage(CloudState cloud, Resource vm) {
        if (internet(cloud, vm)) {
            return true;
        }
        for (JsonNode subnet : subnets(cloud, vm)) {
            for (JsonNode endpoint : subnet.path("properties").path("serviceEndpoints")) {
                if (endpoint.path("service").asText().equalsIgnoreCase("Microsoft.Storage")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<ObjectNode> ipConfigurations(CloudState cloud, Resource vm) {
        List<ObjectNode> configs = new ArrayList<>();
        for (JsonNode ref : vm.properties().path("networkProfile").path("networkInterfaces")) {
            Resource nic = cloud.inventory.get(ref.path("id").asText(null));
            if (nic != null) {
                nic.properties().path("ipConfigurations").forEach(c -> configs.add((ObjectNode) c));
            }
        }
        return configs;
    }

    private static List<JsonNode> subnets(CloudState cloud, Resource vm) {
        List<JsonNode> subnets = new ArrayList<>();
        for (ObjectNode config : ipConfigurations(cloud, vm)) {
            JsonNode subnet = Subnets.find(cloud, Json.text(config, "properties.subnet.id"));
            if (subnet != null) {
                subnets.add(subnet);
            }
        }
        return subnets;
    }
}

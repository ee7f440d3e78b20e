package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Public IP addresses and NAT gateways, the explicit ways out of a private subnet. A public IP without sku or
 * allocation method is Basic / Dynamic with a 4-minute idle timeout (spec PublicIpAddressCreateDefaults.json,
 * 2025-03-01); a Standard one must be Static. A NAT gateway must be Standard, takes only Standard Static public
 * IPs, and idles out after 4 minutes unless told otherwise (spec NatGatewayCreateOrUpdate.json; Azure/az-hop).
 */
final class NatGateways {
    private NatGateways() {
    }

    static void preparePublicIp(ResourceId id, ObjectNode body, ObjectNode props, int serial) {
        ObjectNode sku = Json.with(body, "sku");
        String skuName = AzureEnums.normalize(sku, "name", AzureEnums.PUBLIC_IP_SKUS, "sku.name", "Basic");
        AzureEnums.normalize(sku, "tier", AzureEnums.PUBLIC_IP_TIERS, "sku.tier", "Regional");
        boolean standard = skuName.equals("Standard");
        String allocation = AzureEnums.normalize(props, "publicIPAllocationMethod", AzureEnums.IP_ALLOCATION,
                "publicIPAllocationMethod", standard ? "Static" : "Dynamic");
        if (standard && !allocation.equalsIgnoreCase("Static")) {
            // pulumi/pulumi-azure-native #1597 quotes this refusal.
            throw new ArmException(400, "StandardSkuPublicIPAddressesMustBeStatic", "Standard sku publicIp " + id
                    + " must have AllocationMethod set to Static.");
        }
        AzureEnums.normalize(props, "publicIPAddressVersion", AzureEnums.IP_VERSIONS, "publicIPAddressVersion", "IPv4");
        props.put("idleTimeoutInMinutes", props.path("idleTimeoutInMinutes").asInt(4));
        Json.with(props, "ddosSettings").put("protectionMode", "VirtualNetworkInherited");
        if (allocation.equals("Static") && !props.has("ipAddress")) {
            // Documentation range (TEST-NET-3): deterministic, and never a real Azure address.
            props.put("ipAddress", "203.0.113." + (serial % 254 + 1));
        }
    }

    /** Checks the NAT gateway's sku and public IPs; the codes of these two refusals were not found in Azure's material. */
    static void prepareNat(CloudState cloud, ResourceId id, ObjectNode body, ObjectNode props) {
        String sku = Json.text(body, "sku.name");
        if (!"Standard".equalsIgnoreCase(sku)) {
            throw new ArmException(400, "InvalidNatGatewaySku", "NAT gateway " + id + " must have sku 'Standard',"
                    + " not '" + sku + "'.");
        }
        for (JsonNode ref : props.path("publicIpAddresses")) {
            String pipId = ref.path("id").asText(null);
            Resource pip = cloud.inventory.get(pipId);
            if (pip == null || !pip.location().equals(body.path("location").asText())) {
                throw new ArmException(400, "InvalidResourceReference", "Resource " + pipId + " referenced by resource "
                        + id + " was not found. Please make sure that the referenced resource exists, and that both"
                        + " resources are in the same region.");
            }
            boolean standard = "Standard".equalsIgnoreCase(Json.text(pip.body, "sku.name"));
            boolean isStatic = "Static".equalsIgnoreCase(Json.text(pip.properties(), "publicIPAllocationMethod"));
            if (!standard || !isStatic) {
                throw new ArmException(400, "NatGatewayPublicIpMustBeStandardStatic", "Public IP address " + pipId
                        + " cannot be used by NAT gateway " + id + ": a NAT gateway takes only Standard sku public IP"
                        + " addresses with Static allocation.");
            }
        }
        props.put("idleTimeoutInMinutes", props.path("idleTimeoutInMinutes").asInt(4));
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What Azure fills in on a network interface (network 2025-03-01 NetworkInterfaceCreate.json): each IP
 * configuration's primary flag (the first one) and privateIPAddressVersion IPv4, the enums in Azure's casing, and
 * the interface's dnsSettings, enableAcceleratedNetworking, enableIPForwarding and vnetEncryptionSupported. A NIC
 * attached to a VM also shows primary and a MAC address (NetworkInterfaceGet.json).
 */
final class NetworkDefaults {
    private NetworkDefaults() {
    }

    static void nic(ObjectNode props) {
        boolean first = true;
        boolean anyPrimary = false;
        for (JsonNode config : props.path("ipConfigurations")) {
            anyPrimary |= config.path("properties").path("primary").asBoolean(false);
        }
        for (JsonNode config : props.path("ipConfigurations")) {
            ObjectNode cp = Json.with((ObjectNode) config, "properties");
            if (!cp.has("primary")) {
                cp.put("primary", first && !anyPrimary);
            }
            first = false;
            AzureEnums.normalize(cp, "privateIPAllocationMethod", AzureEnums.IP_ALLOCATION,
                    "privateIPAllocationMethod", "Dynamic");
            AzureEnums.normalize(cp, "privateIPAddressVersion", AzureEnums.IP_VERSIONS, "privateIPAddressVersion",
                    "IPv4");
        }
        ObjectNode dns = Json.with(props, "dnsSettings");
        if (!(dns.get("dnsServers") instanceof ArrayNode)) {
            dns.putArray("dnsServers");
        }
        dns.set("appliedDnsServers", dns.get("dnsServers").deepCopy());
        for (String flag : new String[] {"enableAcceleratedNetworking", "enableIPForwarding"}) {
            props.put(flag, props.path(flag).asBoolean(false));
        }
        props.put("vnetEncryptionSupported", false);
    }

    /** A stable MAC address in Azure's form (00-0D-3A-xx-xx-xx, Microsoft's prefix), derived from the NIC's id. */
    static String macAddress(ResourceId nic) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(nic.key().getBytes(StandardCharsets.UTF_8));
            return String.format("00-0D-3A-%02X-%02X-%02X", d[0], d[1], d[2]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

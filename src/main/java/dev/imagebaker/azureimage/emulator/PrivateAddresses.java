package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dynamic private IPv4 addresses of NIC IP configurations, as Azure assigns them (MicrosoftDocs/azure-docs
 * articles/virtual-network/ip-services/private-ip-addresses.md, "Allocation method"): from the address range of
 * the configuration's subnet, never one of the first four addresses nor the last, never one another resource holds;
 * normally the next one in sequence. A full subnet is 400 SubnetIsFull, naming the subnet by its id, as the answer is
 * quoted in AKS troubleshooting notes and cloud-provider test fixtures ("Subnet /subscriptions/.../subnets/default
 * with address prefix 10.0.0.0/24 does not have enough capacity for 1 IP addresses.").
 */
final class PrivateAddresses {
    private static final Pattern IPV4_PREFIX = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");
    private final Set<Long> used = new HashSet<>();

    /** The addresses NICs other than nicId hold in the subnet (id) subnetId. */
    PrivateAddresses(CloudState cloud, String subnetId, ResourceId nicId) {
        for (Resource nic : Subnets.ofType(cloud, "Microsoft.Network/networkInterfaces")) {
            if (nic.id.sameAs(nicId.value())) {
                continue;
            }
            for (JsonNode config : nic.properties().path("ipConfigurations")) {
                if (subnetId.equalsIgnoreCase(Json.text(config, "properties.subnet.id"))) {
                    hold(Json.text(config, "properties.privateIPAddress"));
                }
            }
        }
    }

    /** Marks an address as taken (a static one in the same request, or one just assigned). */
    void hold(String address) {
        Long value = parse(address);
        if (value != null) {
            used.add(value);
        }
    }

    /**
     * The address for a configuration in the subnet: the one it had (kept, as a dynamic address is until the NIC is
     * deleted or moved) if still free, else the lowest free one; null when the subnet has no IPv4 prefix.
     */
    String assign(JsonNode subnet, String previous) {
        String prefix = Json.text(subnet, "properties.addressPrefix");
        if (prefix == null || !IPV4_PREFIX.matcher(prefix).matches()) {
            prefix = null;
            for (JsonNode p : subnet.path("properties").path("addressPrefixes")) {
                if (IPV4_PREFIX.matcher(p.asText()).matches()) {
                    prefix = p.asText();
                    break;
                }
            }
        }
        if (prefix == null) {
            return null;
        }
        Matcher m = IPV4_PREFIX.matcher(prefix);
        m.matches();
        int bits = Integer.parseInt(m.group(5));
        long size = 1L << (32 - Math.min(bits, 32));
        long network = parse(prefix.substring(0, prefix.indexOf('/'))) & ~(size - 1) & 0xFFFFFFFFL;
        Long kept = parse(previous);
        if (kept != null && kept >= network + 4 && kept < network + size - 1 && !used.contains(kept)) {
            used.add(kept);
            return format(kept);
        }
        for (long candidate = network + 4; candidate < network + size - 1; candidate++) {
            if (!used.contains(candidate)) {
                used.add(candidate);
                return format(candidate);
            }
        }
        throw new ArmException(400, "SubnetIsFull", "Subnet " + subnet.path("id").asText() + " with address prefix "
                + prefix + " does not have enough capacity for 1 IP addresses.");
    }

    private static Long parse(String address) {
        if (address == null) {
            return null;
        }
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String part : parts) {
            try {
                int octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) {
                    return null;
                }
                value = (value << 8) | octet;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return value;
    }

    private static String format(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }
}

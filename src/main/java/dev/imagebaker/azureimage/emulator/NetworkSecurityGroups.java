package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Network security groups as Azure answers them (spec NetworkSecurityGroupCreateWithRule.json, 2024-05-01): user
 * rules gain id, type and provisioningState and need a priority (required since 2022-09-01, ARM template change
 * log); the six default rules are always there.
 */
final class NetworkSecurityGroups {
    /** name, direction, priority, access, source, destination, description (research notes, section 1.4). */
    private static final String[][] DEFAULT_RULES = {
        {"AllowVnetInBound", "Inbound", "65000", "Allow", "VirtualNetwork", "VirtualNetwork",
            "Allow inbound traffic from all VMs in VNET"},
        {"AllowAzureLoadBalancerInBound", "Inbound", "65001", "Allow", "AzureLoadBalancer", "*",
            "Allow inbound traffic from azure load balancer"},
        {"DenyAllInBound", "Inbound", "65500", "Deny", "*", "*", "Deny all inbound traffic"},
        {"AllowVnetOutBound", "Outbound", "65000", "Allow", "VirtualNetwork", "VirtualNetwork",
            "Allow outbound traffic from all VMs to all VMs in VNET"},
        {"AllowInternetOutBound", "Outbound", "65001", "Allow", "*", "Internet",
            "Allow outbound traffic from all VMs to Internet"},
        {"DenyAllOutBound", "Outbound", "65500", "Deny", "*", "*", "Deny all outbound traffic"},
    };

    private NetworkSecurityGroups() {
    }

    static void prepare(ResourceId nsg, ObjectNode props) {
        JsonNode given = props.get("securityRules");
        ArrayNode rules = given instanceof ArrayNode list ? list : props.putArray("securityRules");
        Map<String, String> taken = new HashMap<>();
        for (JsonNode node : rules) {
            ObjectNode rule = (ObjectNode) node;
            String name = rule.path("name").asText();
            rule.put("id", nsg.value() + "/securityRules/" + name);
            rule.put("type", "Microsoft.Network/networkSecurityGroups/securityRules");
            ObjectNode rp = Json.with(rule, "properties");
            int priority = rp.path("priority").asInt(0);
            if (priority < 100 || priority > 4096) {
                // The wording az network nsg rule create reports for a priority out of range.
                throw new ArmException(400, "SecurityRuleInvalidPriority", "Security rule has invalid Priority."
                        + " Value provided: " + priority + " Allowed range 100-4096.");
            }
            String slot = priority + "/" + rp.path("direction").asText();
            String clash = taken.putIfAbsent(slot, name);
            if (clash != null) {
                throw new ArmException(400, "SecurityRuleConflict", "Security rule " + name + " conflicts with rule "
                        + clash + ". Rules cannot have the same Priority and Direction.");
            }
            rp.put("provisioningState", "Succeeded");
        }
        ArrayNode defaults = props.putArray("defaultSecurityRules");
        for (String[] d : DEFAULT_RULES) {
            ObjectNode rule = defaults.addObject();
            rule.put("name", d[0]);
            rule.put("id", nsg.value() + "/defaultSecurityRules/" + d[0]);
            rule.put("type", "Microsoft.Network/networkSecurityGroups/defaultSecurityRules");
            ObjectNode rp = rule.putObject("properties");
            rp.put("description", d[6]);
            rp.put("protocol", "*");
            rp.put("sourcePortRange", "*");
            rp.put("destinationPortRange", "*");
            rp.put("sourceAddressPrefix", d[4]);
            rp.put("destinationAddressPrefix", d[5]);
            rp.put("access", d[3]);
            rp.put("priority", Integer.parseInt(d[2]));
            rp.put("direction", d[1]);
            rp.put("provisioningState", "Succeeded");
        }
    }
}

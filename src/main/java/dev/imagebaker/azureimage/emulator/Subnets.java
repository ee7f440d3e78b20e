package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Subnets as Azure shapes them, whether they arrive inside a virtual network or on their own: references to a
 * network security group, NAT gateway or route table must resolve in the subnet's region; service endpoints are
 * echoed with the locations Azure fills in (the region and its pair, spec SubnetCreateServiceEndpoint.json); and
 * defaultOutboundAccess follows the API version (rule 1 of the research notes).
 */
final class Subnets {
    static final String TYPE = "Microsoft.Network/virtualNetworks/subnets";
    /** defaultOutboundAccess exists from this network API (ARM template change log, subnets). */
    private static final String OUTBOUND_PROPERTY_SINCE = "2023-05-01";
    /** New subnets are private by default from this network API (Tech Community, "Private subnets by default"). */
    private static final String PRIVATE_BY_DEFAULT_SINCE = "2025-07-01";

    private Subnets() {
    }

    /**
     * Completes a subnet of the virtual network vnetId in location, as sent with the given api-version;
     * previous is the subnet as it stood before this request, or null for a new one.
     */
    static void prepare(CloudState cloud, ResourceId vnetId, String location, ObjectNode subnet, JsonNode previous,
                        String apiVersion) {
        String name = subnet.path("name").asText();
        subnet.put("id", vnetId.value() + "/subnets/" + name);
        subnet.put("type", TYPE);
        ObjectNode props = Json.with(subnet, "properties");
        if (Json.text(props, "addressPrefix") == null && Json.at(props, "addressPrefixes") == null) {
            throw ArmException.invalidParameter("Subnet '" + name + "' has no address prefix.", "subnets");
        }
        for (String ref : List.of("networkSecurityGroup", "natGateway", "routeTable")) {
            String id = Json.text(props, ref + ".id");
            requireReference(cloud, subnet.path("id").asText(), location, id);
            if (id != null) {
                // A reference reads back as its id alone, whatever else the client sent with it.
                props.putObject(ref).put("id", id);
            }
        }
        for (JsonNode endpoint : props.path("serviceEndpoints")) {
            ObjectNode e = (ObjectNode) endpoint;
            if (!e.has("locations")) {
                ArrayNode locations = e.putArray("locations");
                locations.add(location);
                Regions.Region region = Regions.get(location);
                if (region != null && region.pair() != null) {
                    locations.add(region.pair());
                }
            }
            e.put("provisioningState", "Succeeded");
        }
        defaultOutboundAccess(props, previous, apiVersion);
        props.put("provisioningState", "Succeeded");
    }

    private static void defaultOutboundAccess(ObjectNode props, JsonNode previous, String apiVersion) {
        String version = apiVersion == null ? "" : apiVersion;
        JsonNode before = previous == null ? null : Json.at(previous, "properties.defaultOutboundAccess");
        if (version.compareTo(OUTBOUND_PROPERTY_SINCE) < 0) {
            props.remove("defaultOutboundAccess");
        }
        if (props.has("defaultOutboundAccess")) {
            return;
        }
        if (before != null && !before.isNull()) {
            props.set("defaultOutboundAccess", before.deepCopy());
        } else if (previous == null && version.compareTo(PRIVATE_BY_DEFAULT_SINCE) >= 0) {
            props.put("defaultOutboundAccess", false);
        }
    }

    private static void requireReference(CloudState cloud, String subnetId, String location, String id) {
        if (id == null) {
            return;
        }
        Resource target = cloud.inventory.get(id);
        if (target == null || !location.equals(target.location())) {
            throw new ArmException(400, "InvalidResourceReference", "Resource " + id + " referenced by resource "
                    + subnetId + " was not found. Please make sure that the referenced resource exists, and that"
                    + " both resources are in the same region.");
        }
    }

    /** The subnet JSON inside its virtual network, or null. */
    static ObjectNode find(CloudState cloud, String subnetId) {
        if (subnetId == null) {
            return null;
        }
        int cut = subnetId.toLowerCase(Locale.ROOT).indexOf("/subnets/");
        Resource vnet = cut < 0 ? null : cloud.inventory.get(subnetId.substring(0, cut));
        if (vnet == null) {
            return null;
        }
        for (JsonNode s : vnet.properties().path("subnets")) {
            if (s.path("id").asText().equalsIgnoreCase(subnetId)) {
                return (ObjectNode) s;
            }
        }
        return null;
    }

    /** The read-only back-reference natGateway.properties.subnets[] (spec NatGatewayCreateOrUpdate.json). */
    static void refreshNatGateways(CloudState cloud) {
        List<Resource> vnets = ofType(cloud, "Microsoft.Network/virtualNetworks");
        for (Resource nat : ofType(cloud, "Microsoft.Network/natGateways")) {
            ArrayNode subnets = Json.array();
            for (Resource vnet : vnets) {
                for (JsonNode s : vnet.properties().path("subnets")) {
                    if (nat.id.sameAs(Json.text(s, "properties.natGateway.id"))) {
                        subnets.addObject().put("id", s.path("id").asText());
                    }
                }
            }
            if (subnets.isEmpty()) {
                nat.properties().remove("subnets");
            } else {
                nat.properties().set("subnets", subnets);
            }
        }
    }

    /** Subnets (as "subnet id") that reference the resource through the given property, e.g. natGateway. */
    static List<String> referencing(CloudState cloud, ResourceId resource, String property) {
        return ofType(cloud, "Microsoft.Network/virtualNetworks").stream()
                .flatMap(vnet -> java.util.stream.StreamSupport.stream(vnet.properties().path("subnets").spliterator(),
                        false))
                .filter(s -> resource.sameAs(Json.text(s, "properties." + property + ".id")))
                .map(s -> s.path("id").asText()).toList();
    }

    static List<Resource> ofType(CloudState cloud, String type) {
        return cloud.inventory.all().stream().filter(r -> r.id.type().equalsIgnoreCase(type)).toList();
    }
}

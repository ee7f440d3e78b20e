package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Microsoft.Network: virtual networks with subnets, network interfaces (which reference a subnet by id),
 * network security groups and public IP addresses. Writes are long-running (201 + Azure-AsyncOperation).
 */
final class NetworkApi implements ResourceApi {
    static final String VNETS = "virtualNetworks";
    static final String NICS = "networkInterfaces";
    static final String NSGS = "networkSecurityGroups";
    static final String PIPS = "publicIPAddresses";
    private final CloudState cloud;
    private int nextPrivateIp = 4;

    NetworkApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        for (String type : List.of(VNETS, NICS, NSGS, PIPS)) {
            router.add("PUT", path(type).item(), (req, p) -> put(req, p, type));
            new ResourceRoutes(cloud, path(type)).deletedAfter(Latency.NETWORK_DELETE)
                    .refuseDeleteWhileInUse(resource -> refuseDeleteInUse(resource, type)).register(router);
        }
        router.add("GET", path(VNETS).item() + "/subnets/{subnet}", this::subnet);
    }

    private static ResourcePath path(String type) {
        return ResourcePath.inGroup("Microsoft.Network/" + type, "name");
    }

    private ArmResponse put(ArmRequest req, Router.Params p, String type) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = path(type).id(p);
        ObjectNode request = req.body();
        String location = cloud.requireLocation(request, "Microsoft.Network/" + type);
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        switch (type) {
            case VNETS -> prepareVnet(id, props);
            case NICS -> prepareNic(id, location, props);
            default -> { }
        }
        Resource existing = cloud.inventory.get(id);
        if (existing != null && type.equals(NICS)) {
            JsonNode vm = existing.properties().get("virtualMachine");
            if (vm != null) {
                props.set("virtualMachine", vm.deepCopy());
            }
        }
        props.put("provisioningState", "Updating");
        props.put("resourceGuid", java.util.UUID.randomUUID().toString());
        Resource resource = new Resource(id, body, Json.object());
        cloud.inventory.put(resource);
        Operations.Op op = cloud.start(req, id, location, cloud.clock.after(Latency.NETWORK_WRITE),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, existing == null ? 201 : 200, body, false);
    }

    private void prepareVnet(ResourceId id, ObjectNode props) {
        JsonNode prefixes = Json.at(props, "addressSpace.addressPrefixes");
        if (prefixes == null || !prefixes.isArray() || prefixes.isEmpty()) {
            throw ArmException.invalidParameter("The virtual network '" + id.name()
                    + "' must have at least one address prefix.", "addressSpace");
        }
        JsonNode subnets = props.get("subnets");
        if (subnets instanceof ArrayNode list) {
            for (JsonNode subnet : list) {
                ObjectNode s = (ObjectNode) subnet;
                String name = s.path("name").asText();
                s.put("id", id.value() + "/subnets/" + name);
                s.put("type", "Microsoft.Network/virtualNetworks/subnets");
                if (Json.text(s, "properties.addressPrefix") == null
                        && Json.at(s, "properties.addressPrefixes") == null) {
                    throw ArmException.invalidParameter("Subnet '" + name + "' has no address prefix.",
                            "subnets");
                }
                Json.with(s, "properties").put("provisioningState", "Succeeded");
            }
        }
    }

    private void prepareNic(ResourceId id, String location, ObjectNode props) {
        JsonNode configs = props.get("ipConfigurations");
        if (!(configs instanceof ArrayNode list) || list.isEmpty()) {
            throw ArmException.invalidParameter("Network interface '" + id.name()
                    + "' must have at least one IP configuration.", "ipConfigurations");
        }
        for (JsonNode config : list) {
            ObjectNode c = (ObjectNode) config;
            c.put("id", id.value() + "/ipConfigurations/" + c.path("name").asText());
            ObjectNode cp = Json.with(c, "properties");
            String subnetId = Json.text(cp, "subnet.id");
            if (subnetId == null || findSubnet(subnetId) == null) {
                throw new ArmException(400, "InvalidResourceReference", "Resource " + subnetId
                        + " referenced by resource " + id + " was not found. Please make sure that the referenced"
                        + " resource exists, and that both resources are in the same region.");
            }
            Resource vnet = cloud.inventory.get(subnetId.substring(0, subnetId.toLowerCase().indexOf("/subnets/")));
            if (!location.equals(vnet.location())) {
                throw new ArmException(400, "InvalidResourceReference", "Resource " + subnetId
                        + " referenced by resource " + id + " is in region '" + vnet.location()
                        + "', not in '" + location + "'.");
            }
            String pipId = Json.text(cp, "publicIPAddress.id");
            if (pipId != null && cloud.inventory.get(pipId) == null) {
                throw new ArmException(400, "InvalidResourceReference", "Resource " + pipId
                        + " referenced by resource " + id + " was not found.");
            }
            if (cp.path("privateIPAddress").isMissingNode()) {
                cp.put("privateIPAddress", "10.0.0." + nextPrivateIp++);
            }
            cp.put("privateIPAllocationMethod", cp.path("privateIPAllocationMethod").asText("Dynamic"));
            cp.put("provisioningState", "Succeeded");
        }
        String nsgId = Json.text(props, "networkSecurityGroup.id");
        if (nsgId != null && cloud.inventory.get(nsgId) == null) {
            throw new ArmException(400, "InvalidResourceReference", "Resource " + nsgId
                    + " referenced by resource " + id + " was not found.");
        }
    }

    /** The subnet JSON inside its virtual network, or null. */
    JsonNode findSubnet(String subnetId) {
        int cut = subnetId.toLowerCase().indexOf("/subnets/");
        if (cut < 0) {
            return null;
        }
        Resource vnet = cloud.inventory.get(subnetId.substring(0, cut));
        if (vnet == null) {
            return null;
        }
        for (JsonNode s : vnet.properties().path("subnets")) {
            if (s.path("id").asText().equalsIgnoreCase(subnetId)) {
                return s;
            }
        }
        return null;
    }

    private ArmResponse subnet(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        String subnetId = path(VNETS).id(p).value() + "/subnets/" + p.get("subnet");
        JsonNode subnet = findSubnet(subnetId);
        if (subnet == null) {
            throw ArmException.notFound("Microsoft.Network/virtualNetworks/subnets", p.get("subnet"), p.get("rg"));
        }
        return ArmResponse.ok(subnet);
    }

    private void refuseDeleteInUse(Resource resource, String type) {
        String id = resource.id.value();
        switch (type) {
            case NICS -> {
                String vm = Json.text(resource.properties(), "virtualMachine.id");
                if (vm != null) {
                    throw new ArmException(400, "NicInUse", "Network Interface " + id + " is used by existing"
                            + " resource " + vm + ". In order to delete the network interface, it must be"
                            + " dissociated from the resource.");
                }
            }
            case VNETS -> {
                for (Resource nic : nics()) {
                    for (JsonNode c : nic.properties().path("ipConfigurations")) {
                        String subnet = Json.text(c, "properties.subnet.id");
                        if (subnet != null && subnet.toLowerCase().startsWith(id.toLowerCase() + "/subnets/")) {
                            throw new ArmException(400, "InUseSubnetCannotBeDeleted", "Subnet " + subnet
                                    + " is in use by " + c.path("id").asText() + " and cannot be deleted.");
                        }
                    }
                }
            }
            case NSGS -> {
                for (Resource nic : nics()) {
                    if (resource.id.sameAs(Json.text(nic.properties(), "networkSecurityGroup.id"))) {
                        throw new ArmException(400, "InUseNetworkSecurityGroupCannotBeDeleted",
                                "Network security group " + id + " cannot be deleted because it is in use by "
                                        + nic.id + ".");
                    }
                }
            }
            case PIPS -> {
                for (Resource nic : nics()) {
                    for (JsonNode c : nic.properties().path("ipConfigurations")) {
                        if (resource.id.sameAs(Json.text(c, "properties.publicIPAddress.id"))) {
                            throw new ArmException(400, "PublicIPAddressCannotBeDeleted", "Public IP address "
                                    + id + " can not be deleted since it is still allocated to resource "
                                    + c.path("id").asText() + ".");
                        }
                    }
                }
            }
            default -> { }
        }
    }

    private List<Resource> nics() {
        return cloud.inventory.all().stream()
                .filter(r -> r.id.type().equalsIgnoreCase("Microsoft.Network/networkInterfaces")).toList();
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft.Network: virtual networks with subnets (also addressed one by one), network interfaces (which
 * reference a subnet by id), network security groups, public IP addresses, NAT gateways and route tables. Writes
 * are long-running (201 + Azure-AsyncOperation). What each type's body must hold is {@link Subnets},
 * {@link NetworkSecurityGroups} and {@link NatGateways}'; a resource still referenced cannot be deleted.
 */
final class NetworkApi implements ResourceApi {
    static final String VNETS = "virtualNetworks";
    static final String NICS = "networkInterfaces";
    static final String NSGS = "networkSecurityGroups";
    static final String PIPS = "publicIPAddresses";
    static final String NATS = "natGateways";
    static final String ROUTE_TABLES = "routeTables";
    private static final String SUBNET = "/subnets/{subnet}";
    private final CloudState cloud;
    private int nextPublicIp;

    NetworkApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        for (String type : List.of(VNETS, NICS, NSGS, PIPS, NATS, ROUTE_TABLES)) {
            router.add("PUT", path(type).item(), (req, p) -> put(req, p, type));
            new ResourceRoutes(cloud, path(type)).deletedAfter(Latency.NETWORK_DELETE).tagsPatched()
                    .refuseDeleteWhileInUse(resource -> refuseDeleteInUse(resource, type))
                    .removedBy(resource -> {
                        cloud.inventory.remove(resource.id);
                        Subnets.refreshNatGateways(cloud);
                    }).register(router);
        }
        router.add("GET", path(VNETS).item() + SUBNET, this::subnet);
        router.add("PUT", path(VNETS).item() + SUBNET, this::putSubnet);
        router.add("DELETE", path(VNETS).item() + SUBNET, this::deleteSubnet);
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
        for (String field : List.of("sku", "zones")) {
            if (request.hasNonNull(field)) {
                body.set(field, request.get(field).deepCopy());
            }
        }
        ObjectNode props = Json.with(body, "properties");
        Resource existing = cloud.inventory.get(id);
        switch (type) {
            case VNETS -> prepareVnet(id, location, props, existing, req.apiVersion());
            case NICS -> prepareNic(id, location, props);
            case NSGS -> NetworkSecurityGroups.prepare(id, props);
            case PIPS -> NatGateways.preparePublicIp(id, body, props, nextPublicIp++);
            case NATS -> NatGateways.prepareNat(cloud, id, body, props);
            case ROUTE_TABLES -> prepareRoutes(id, props);
            default -> { }
        }
        if (existing != null && type.equals(NICS)) {
            for (String attached : List.of("virtualMachine", "primary", "macAddress")) {
                JsonNode value = existing.properties().get(attached);
                if (value != null) {
                    props.set(attached, value.deepCopy());
                }
            }
        }
        props.put("provisioningState", "Updating");
        props.put("resourceGuid", java.util.UUID.randomUUID().toString());
        Resource resource = new Resource(id, body, Json.object());
        cloud.inventory.put(resource);
        Subnets.refreshNatGateways(cloud);
        Operations.Op op = cloud.start(req, id, location, cloud.clock.after(Latency.NETWORK_WRITE),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, existing == null ? 201 : 200, body, false);
    }

    private void prepareVnet(ResourceId id, String location, ObjectNode props, Resource existing, String apiVersion) {
        JsonNode prefixes = Json.at(props, "addressSpace.addressPrefixes");
        if (prefixes == null || !prefixes.isArray() || prefixes.isEmpty()) {
            throw ArmException.invalidParameter("The virtual network '" + id.name()
                    + "' must have at least one address prefix.", "addressSpace");
        }
        // VirtualNetworkCreate.json answers both lists, empty when none was sent.
        if (!(props.get("subnets") instanceof ArrayNode)) {
            props.putArray("subnets");
        }
        if (!(props.get("virtualNetworkPeerings") instanceof ArrayNode)) {
            props.putArray("virtualNetworkPeerings");
        }
        JsonNode subnets = props.get("subnets");
        if (subnets instanceof ArrayNode list) {
            for (JsonNode subnet : list) {
                String subnetId = id.value() + "/subnets/" + subnet.path("name").asText();
                JsonNode previous = existing == null ? null : Subnets.find(cloud, subnetId);
                Subnets.prepare(cloud, id, location, (ObjectNode) subnet, previous, apiVersion);
            }
        }
    }

    private void prepareNic(ResourceId id, String location, ObjectNode props) {
        JsonNode configs = props.get("ipConfigurations");
        if (!(configs instanceof ArrayNode list) || list.isEmpty()) {
            throw ArmException.invalidParameter("Network interface '" + id.name()
                    + "' must have at least one IP configuration.", "ipConfigurations");
        }
        Resource existing = cloud.inventory.get(id);
        Map<String, PrivateAddresses> addresses = new HashMap<>();
        for (JsonNode config : list) {
            String subnetId = Json.text(config, "properties.subnet.id");
            if (subnetId != null) {
                addresses.computeIfAbsent(subnetId.toLowerCase(Locale.ROOT),
                        s -> new PrivateAddresses(cloud, subnetId, id))
                        .hold(Json.text(config, "properties.privateIPAddress"));
            }
        }
        for (JsonNode config : list) {
            ObjectNode c = (ObjectNode) config;
            c.put("id", id.value() + "/ipConfigurations/" + c.path("name").asText());
            ObjectNode cp = Json.with(c, "properties");
            String subnetId = Json.text(cp, "subnet.id");
            if (subnetId == null || Subnets.find(cloud, subnetId) == null) {
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
                String address = addresses.get(subnetId.toLowerCase(Locale.ROOT))
                        .assign(Subnets.find(cloud, subnetId), previousAddress(existing, c, subnetId));
                if (address != null) {
                    cp.put("privateIPAddress", address);
                }
            }
            cp.put("provisioningState", "Succeeded");
        }
        NetworkDefaults.nic(props);
        String nsgId = Json.text(props, "networkSecurityGroup.id");
        if (nsgId != null && cloud.inventory.get(nsgId) == null) {
            throw new ArmException(400, "InvalidResourceReference", "Resource " + nsgId
                    + " referenced by resource " + id + " was not found.");
        }
    }

    /** The address an existing NIC's configuration of the same name had in the same subnet, or null. */
    private static String previousAddress(Resource existing, JsonNode config, String subnetId) {
        if (existing == null) {
            return null;
        }
        for (JsonNode before : existing.properties().path("ipConfigurations")) {
            if (before.path("name").asText().equals(config.path("name").asText())
                    && subnetId.equalsIgnoreCase(Json.text(before, "properties.subnet.id"))) {
                return Json.text(before, "properties.privateIPAddress");
            }
        }
        return null;
    }

    /** Routes gain id, type and provisioningState, like the rules of a security group. */
    private static void prepareRoutes(ResourceId id, ObjectNode props) {
        JsonNode routes = props.get("routes");
        if (routes instanceof ArrayNode list) {
            for (JsonNode route : list) {
                ObjectNode r = (ObjectNode) route;
                r.put("id", id.value() + "/routes/" + r.path("name").asText());
                r.put("type", "Microsoft.Network/routeTables/routes");
                Json.with(r, "properties").put("provisioningState", "Succeeded");
            }
        } else {
            props.putArray("routes");
        }
    }

    private ArmResponse subnet(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        JsonNode subnet = Subnets.find(cloud, path(VNETS).id(p).value() + "/subnets/" + p.get("subnet"));
        if (subnet == null) {
            throw ArmException.notFound(Subnets.TYPE, p.get("subnet"), p.get("rg"));
        }
        return ArmResponse.ok(subnet);
    }

    /** PUT of one subnet: prepared as inside a virtual network PUT, then put in its place there. */
    private ArmResponse putSubnet(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        Resource vnet = cloud.require(path(VNETS).id(p));
        ObjectNode subnet = Json.object();
        subnet.put("name", p.get("subnet"));
        JsonNode given = req.body().get("properties");
        subnet.set("properties", given instanceof ObjectNode o ? o.deepCopy() : Json.object());
        String subnetId = vnet.id.value() + "/subnets/" + p.get("subnet");
        ObjectNode previous = Subnets.find(cloud, subnetId);
        Subnets.prepare(cloud, vnet.id, vnet.location(), subnet, previous, req.apiVersion());
        ArrayNode subnets = vnet.properties().withArray("subnets");
        int at = previous == null ? -1 : indexOf(subnets, subnetId);
        if (at < 0) {
            subnets.add(subnet);
        } else {
            subnets.set(at, subnet);
        }
        Subnets.refreshNatGateways(cloud);
        Operations.Op op = cloud.start(req, new ResourceId(subnetId), vnet.location(),
                cloud.clock.after(Latency.NETWORK_WRITE), () -> null);
        return cloud.accepted(req, op, previous == null ? 201 : 200, subnet, false);
    }

    private ArmResponse deleteSubnet(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        Resource vnet = cloud.require(path(VNETS).id(p));
        String subnetId = vnet.id.value() + "/subnets/" + p.get("subnet");
        if (Subnets.find(cloud, subnetId) == null) {
            return ArmResponse.status(204);
        }
        refuseWhileNicsUse(subnetId + "/");
        Operations.Op op = cloud.start(req, new ResourceId(subnetId), vnet.location(),
                cloud.clock.after(Latency.NETWORK_DELETE), () -> {
                    refuseWhileNicsUse(subnetId + "/");
                    ArrayNode subnets = vnet.properties().withArray("subnets");
                    int at = indexOf(subnets, subnetId);
                    if (at >= 0) {
                        subnets.remove(at);
                    }
                    Subnets.refreshNatGateways(cloud);
                    return null;
                });
        return cloud.accepted(req, op, 202, null, true);
    }

    private static int indexOf(ArrayNode subnets, String subnetId) {
        for (int i = 0; i < subnets.size(); i++) {
            if (subnets.get(i).path("id").asText().equalsIgnoreCase(subnetId)) {
                return i;
            }
        }
        return -1;
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
            case VNETS -> refuseWhileNicsUse(id + "/subnets/");
            case NSGS -> {
                for (Resource nic : nics()) {
                    if (resource.id.sameAs(Json.text(nic.properties(), "networkSecurityGroup.id"))) {
                        throw nsgInUse(id, nic.id.value());
                    }
                }
                List<String> subnets = Subnets.referencing(cloud, resource.id, "networkSecurityGroup");
                if (!subnets.isEmpty()) {
                    throw nsgInUse(id, subnets.get(0));
                }
            }
            case PIPS -> {
                for (Resource nic : nics()) {
                    for (JsonNode c : nic.properties().path("ipConfigurations")) {
                        if (resource.id.sameAs(Json.text(c, "properties.publicIPAddress.id"))) {
                            throw pipInUse(id, c.path("id").asText());
                        }
                    }
                }
                for (Resource nat : Subnets.ofType(cloud, "Microsoft.Network/natGateways")) {
                    for (JsonNode ref : nat.properties().path("publicIpAddresses")) {
                        if (resource.id.sameAs(ref.path("id").asText(null))) {
                            throw pipInUse(id, nat.id.value());
                        }
                    }
                }
            }
            // The codes follow Network's InUse...CannotBeDeleted pattern; these two were not seen in Azure's material.
            case NATS -> refuseWhileSubnetsUse(resource, "natGateway", "InUseNatGatewayCannotBeDeleted",
                    "NAT gateway");
            case ROUTE_TABLES -> refuseWhileSubnetsUse(resource, "routeTable", "InUseRouteTableCannotBeDeleted",
                    "Route table");
            default -> { }
        }
    }

    private void refuseWhileSubnetsUse(Resource resource, String property, String code, String what) {
        List<String> subnets = Subnets.referencing(cloud, resource.id, property);
        if (!subnets.isEmpty()) {
            throw new ArmException(400, code, what + " " + resource.id + " cannot be deleted because it is in use by"
                    + " " + String.join(", ", subnets) + ".");
        }
    }

    private void refuseWhileNicsUse(String subnetPrefix) {
        for (Resource nic : nics()) {
            for (JsonNode c : nic.properties().path("ipConfigurations")) {
                String subnet = Json.text(c, "properties.subnet.id");
                if (subnet != null && (subnet + "/").toLowerCase().startsWith(subnetPrefix.toLowerCase())) {
                    throw new ArmException(400, "InUseSubnetCannotBeDeleted", "Subnet " + subnet
                            + " is in use by " + c.path("id").asText() + " and cannot be deleted.");
                }
            }
        }
    }

    private static ArmException nsgInUse(String nsg, String user) {
        return new ArmException(400, "InUseNetworkSecurityGroupCannotBeDeleted", "Network security group " + nsg
                + " cannot be deleted because it is in use by " + user + ".");
    }

    private static ArmException pipInUse(String pip, String user) {
        return new ArmException(400, "PublicIPAddressCannotBeDeleted", "Public IP address " + pip + " can not be"
                + " deleted since it is still allocated to resource " + user + ".");
    }

    private List<Resource> nics() {
        return Subnets.ofType(cloud, "Microsoft.Network/networkInterfaces");
    }
}

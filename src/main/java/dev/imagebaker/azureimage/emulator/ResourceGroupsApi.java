package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/** Resource groups: PUT, GET, HEAD (204/404), PATCH (tags), list, and DELETE, which removes everything inside. */
final class ResourceGroupsApi implements ResourceApi {
    private static final String GROUP = "/subscriptions/{sub}/resourcegroups/{rg}";
    private static final Pattern NAME = Pattern.compile("^[-\\w._()]{1,90}$");
    private final CloudState cloud;

    ResourceGroupsApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("PUT", GROUP, this::put);
        router.add("GET", GROUP, this::get);
        router.add("HEAD", GROUP, this::head);
        router.add("PATCH", GROUP, this::patch);
        router.add("DELETE", GROUP, this::delete);
        router.add("GET", "/subscriptions/{sub}/resourcegroups", this::list);
        router.add("GET", "/subscriptions/{sub}/resourcegroups/{rg}/resources", this::resources);
    }

    private ArmResponse put(ArmRequest req, Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        String name = p.get("rg");
        if (!NAME.matcher(name).matches() || name.endsWith(".")) {
            throw new ArmException(400, "InvalidResourceGroup", "The provided resource group name '" + name
                    + "' has these invalid characters: '" + name.replaceAll("[-\\w._()]", "") + "'. The name can"
                    + " only be a letter, digit, '-', '.', '(', ')' or '_'.");
        }
        ObjectNode request = req.body();
        ResourceId id = ResourceId.resourceGroup(p.get("sub"), name);
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            if ("Deleting".equals(existing.properties().path("provisioningState").asText())) {
                throw new ArmException(409, "ResourceGroupBeingDeleted", "The resource group '" + name
                        + "' is in deprovisioning state and cannot perform this operation.");
            }
            String location = cloud.requireLocation(request, "resourceGroups");
            if (!location.equals(existing.location())) {
                throw new ArmException(409, "InvalidResourceGroupLocation", "Invalid resource group location '"
                        + location + "'. The Resource group already exists in location '" + existing.location()
                        + "'.");
            }
            if (request.has("tags")) {
                existing.body.set("tags", request.get("tags").deepCopy());
            }
            return ArmResponse.ok(existing.body);
        }
        String location = cloud.requireLocation(request, "resourceGroups");
        ObjectNode body = CloudState.newBody(new ResourceId(id.value()), location, request);
        body.put("type", "Microsoft.Resources/resourceGroups");
        body.set("properties", Json.object().put("provisioningState", "Succeeded"));
        cloud.inventory.put(new Resource(id, body, Json.object()));
        return ArmResponse.created(body);
    }

    private Resource find(Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        Resource rg = cloud.inventory.get(ResourceId.resourceGroup(p.get("sub"), p.get("rg")));
        if (rg == null) {
            throw new ArmException(404, "ResourceGroupNotFound",
                    "Resource group '" + p.get("rg") + "' could not be found.");
        }
        return rg;
    }

    private ArmResponse get(ArmRequest req, Router.Params p) {
        return ArmResponse.ok(find(p).body);
    }

    private ArmResponse head(ArmRequest req, Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        boolean exists = cloud.inventory.contains(ResourceId.resourceGroup(p.get("sub"), p.get("rg")));
        return ArmResponse.status(exists ? 204 : 404);
    }

    private ArmResponse patch(ArmRequest req, Router.Params p) {
        Resource rg = cloud.requireGroup(p.get("sub"), p.get("rg"));
        JsonNode tags = req.body().get("tags");
        if (tags instanceof ObjectNode) {
            rg.body.set("tags", tags.deepCopy());
        }
        return ArmResponse.ok(rg.body);
    }

    private static final Pattern TAG_FILTER = Pattern.compile(
            "^\\s*tagName eq '([^']*)'(?:\\s+and\\s+tagValue eq '([^']*)')?\\s*$");

    /** Lists groups; $filter supports what ARM supports for groups: tagName eq 'x' [and tagValue eq 'y']. */
    private ArmResponse list(ArmRequest req, Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        ResourceId scope = new ResourceId("/subscriptions/" + p.get("sub"));
        String filter = req.query("$filter");
        String tagName = null;
        String tagValue = null;
        if (filter != null) {
            var m = TAG_FILTER.matcher(filter);
            if (!m.matches()) {
                throw new ArmException(400, "InvalidFilterInQueryString", "Invalid $filter '" + filter
                        + "': resource groups can be filtered by tagName eq '<name>' [and tagValue eq '<value>'].");
            }
            tagName = m.group(1);
            tagValue = m.group(2);
        }
        ArrayNode value = Json.array();
        for (Resource r : cloud.inventory.within(scope, "Microsoft.Resources/resourceGroups")) {
            JsonNode tags = r.body.path("tags");
            if (tagName != null && (!tags.has(tagName)
                    || tagValue != null && !tagValue.equals(tags.path(tagName).asText()))) {
                continue;
            }
            value.add(r.body);
        }
        return ArmResponse.ok(Json.object().set("value", value));
    }

    private ArmResponse resources(ArmRequest req, Router.Params p) {
        Resource rg = find(p);
        ArrayNode value = Json.array();
        for (Resource r : cloud.inventory.within(rg.id, null)) {
            ObjectNode summary = Json.object();
            summary.put("id", r.id.value());
            summary.put("name", r.id.name());
            summary.put("type", r.id.type());
            if (r.location() != null) {
                summary.put("location", r.location());
            }
            summary.set("tags", r.body.path("tags").deepCopy());
            value.add(summary);
        }
        return ArmResponse.ok(Json.object().set("value", value));
    }

    /** ARM answers 202 with a Location header only; the group and its content vanish when the operation ends. */
    private ArmResponse delete(ArmRequest req, Router.Params p) {
        Resource rg = find(p);
        String state = rg.properties().path("provisioningState").asText();
        rg.properties().put("provisioningState", "Deleting");
        Operations.Op op = cloud.start(req, rg.id, rg.location(), cloud.clock.after(Latency.RESOURCE_GROUP_DELETE),
                new Operations.Completion() {
                    @Override
                    public JsonNode succeed() {
                        List<Resource> inside = cloud.inventory.within(rg.id, null);
                        inside.forEach(r -> cloud.inventory.remove(r.id));
                        cloud.inventory.remove(rg.id);
                        return null;
                    }

                    @Override
                    public void fail(ArmError error) {
                        rg.properties().put("provisioningState", state);
                    }
                });
        return cloud.withRetryAfter(ArmResponse.status(202)
                .header("Location", cloud.operations.resultUrl(req.baseUrl(), op, req.apiVersion())), op);
    }
}

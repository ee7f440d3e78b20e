package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * GET, list and DELETE, served alike for every plain resource type. GET answers the stored body once the
 * resource group is found; list answers {"value":[...]}; DELETE answers 204 when there is nothing to delete, else
 * removes the resource, either long-running (202 with Azure-AsyncOperation and Location, due after the type's
 * latency) or at once (200). An API configures its type's own rules here and keeps PUT and actions to itself.
 */
final class ResourceRoutes {
    private final CloudState cloud;
    private final ResourcePath path;
    private BiFunction<ArmRequest, Resource, JsonNode> view = (req, resource) -> resource.body;
    private boolean parentFirst;
    private boolean listedPerSubscription;
    private Latency deleteLatency;
    private boolean deletedAtOnce;
    private boolean markedDeleting;
    private Consumer<Resource> refusal = resource -> { };
    private Consumer<Resource> inUse = resource -> { };
    private Consumer<Resource> removal;
    private Consumer<Resource> accepted = resource -> { };
    private boolean tagsPatched;

    ResourceRoutes(CloudState cloud, ResourcePath path) {
        this.cloud = cloud;
        this.path = path;
        this.removal = resource -> cloud.inventory.remove(resource.id);
    }

    /** What GET answers instead of the stored body, e.g. the body with an expanded instance view. */
    ResourceRoutes view(BiFunction<ArmRequest, Resource, JsonNode> view) {
        this.view = view;
        return this;
    }

    /** GET and DELETE find the parent first, so that a missing parent is what Azure reports. */
    ResourceRoutes parentFirst() {
        this.parentFirst = true;
        return this;
    }

    /** The type is also listed across the subscription: GET /subscriptions/{sub}/providers/{type}. */
    ResourceRoutes listedPerSubscription() {
        this.listedPerSubscription = true;
        return this;
    }

    /** DELETE is long-running and completes after the latency. */
    ResourceRoutes deletedAfter(Latency latency) {
        this.deleteLatency = latency;
        return this;
    }

    /** DELETE removes the resource before answering 200. */
    ResourceRoutes deletedAtOnce() {
        this.deletedAtOnce = true;
        return this;
    }

    /** The resource shows provisioningState Deleting while its deletion runs. */
    ResourceRoutes markedDeleting() {
        this.markedDeleting = true;
        return this;
    }

    /** Azure's refusal to delete (it throws), checked when the DELETE arrives. */
    ResourceRoutes refuseDelete(Consumer<Resource> refusal) {
        this.refusal = refusal;
        return this;
    }

    /** A refusal because the resource is in use: checked again when the deletion completes, as use can begin. */
    ResourceRoutes refuseDeleteWhileInUse(Consumer<Resource> inUse) {
        this.inUse = inUse;
        return this;
    }

    /** What happens at once when a DELETE is accepted, before the deletion completes (a run command's kill). */
    ResourceRoutes onDeleteAccepted(Consumer<Resource> accepted) {
        this.accepted = accepted;
        return this;
    }

    /**
     * PATCH replaces the tags and answers 200 with the resource at once: the UpdateTags operations of Network
     * (TagsObject, e.g. NetworkInterfaceUpdateTags.json), synchronous in the specs.
     */
    ResourceRoutes tagsPatched() {
        this.tagsPatched = true;
        return this;
    }

    /** What a deletion removes; by default the resource alone. */
    ResourceRoutes removedBy(Consumer<Resource> removal) {
        this.removal = removal;
        return this;
    }

    void register(Router router) {
        if ((deleteLatency == null) == !deletedAtOnce) {
            throw new IllegalStateException(path.item() + ": DELETE is either long-running or at once");
        }
        router.add("GET", path.item(), this::get);
        router.add("DELETE", path.item(), this::delete);
        router.add("GET", path.collection(), this::list);
        if (tagsPatched) {
            router.add("PATCH", path.item(), this::patchTags);
        }
        if (listedPerSubscription) {
            router.add("GET", "/subscriptions/{sub}/providers/" + path.type(), this::listInSubscription);
        }
    }

    /** The id a request names, once its resource group (and for parentFirst, its parent) is found. */
    private ResourceId locate(Router.Params p) {
        ResourceId id = path.id(p);
        cloud.requireGroup(id.subscription(), id.resourceGroup());
        if (parentFirst) {
            cloud.require(id.parent());
        }
        return id;
    }

    private ArmResponse get(ArmRequest req, Router.Params p) {
        return ArmResponse.ok(view.apply(req, cloud.require(locate(p))));
    }

    private ArmResponse patchTags(ArmRequest req, Router.Params p) {
        Resource resource = cloud.require(locate(p));
        if (req.body().get("tags") instanceof com.fasterxml.jackson.databind.node.ObjectNode tags) {
            resource.body.set("tags", tags.deepCopy());
        }
        return ArmResponse.ok(view.apply(req, resource));
    }

    private ArmResponse list(ArmRequest req, Router.Params p) {
        if (!path.nested()) {
            Resource group = cloud.requireGroup(p.get("sub"), p.get("rg"));
            return list(cloud.inventory.within(group.id, path.type()));
        }
        ResourceId parent = path.parentId(p);
        cloud.requireGroup(parent.subscription(), parent.resourceGroup());
        cloud.require(parent);
        return list(cloud.inventory.children(parent, path.type()));
    }

    private ArmResponse listInSubscription(ArmRequest req, Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        return list(cloud.inventory.within(new ResourceId("/subscriptions/" + p.get("sub")), path.type()));
    }

    private static ArmResponse list(List<Resource> resources) {
        ArrayNode value = Json.array();
        resources.forEach(r -> value.add(r.body));
        return ArmResponse.ok(Json.object().set("value", value));
    }

    private ArmResponse delete(ArmRequest req, Router.Params p) {
        Resource resource = cloud.inventory.get(locate(p));
        if (resource == null) {
            return ArmResponse.status(204);
        }
        refusal.accept(resource);
        inUse.accept(resource);
        accepted.accept(resource);
        if (deletedAtOnce) {
            removal.accept(resource);
            return ArmResponse.status(200);
        }
        if (markedDeleting) {
            resource.properties().put("provisioningState", "Deleting");
        }
        Operations.Op op = cloud.start(req, resource.id, resource.location(), cloud.clock.after(deleteLatency),
                () -> {
                    inUse.accept(resource);
                    removal.accept(resource);
                    return null;
                });
        return cloud.accepted(req, op, 202, null, true);
    }
}

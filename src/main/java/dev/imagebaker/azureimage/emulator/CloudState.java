package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** The emulated cloud's state and the helpers every API shares. */
final class CloudState {
    final Inventory inventory = new Inventory();
    final Clock clock;
    final Operations operations;
    final Faults faults;
    final MarketplaceCatalog marketplace = new MarketplaceCatalog();
    final Blobs blobs = new Blobs();
    final Entitlements entitlements = new Entitlements();
    final Set<String> subscriptions = new CopyOnWriteArraySet<>();

    CloudState(Clock clock, Faults faults) {
        this.clock = clock;
        this.faults = faults;
        this.operations = new Operations(clock);
    }

    void requireSubscription(String subscription) {
        if (!subscriptions.contains(subscription.toLowerCase(java.util.Locale.ROOT))) {
            throw new ArmException(404, "SubscriptionNotFound",
                    "The subscription '" + subscription + "' could not be found.");
        }
    }

    Resource requireGroup(String subscription, String group) {
        requireSubscription(subscription);
        Resource rg = inventory.get(ResourceId.resourceGroup(subscription, group));
        if (rg == null) {
            throw new ArmException(404, "ResourceGroupNotFound", "Resource group '" + group + "' could not be found.");
        }
        if ("Deleting".equals(rg.properties().path("provisioningState").asText())) {
            throw new ArmException(409, "ResourceGroupBeingDeleted", "The resource group '" + group
                    + "' is in deprovisioning state and cannot perform this operation.");
        }
        return rg;
    }

    Resource require(ResourceId id) {
        Resource r = inventory.get(id);
        if (r == null) {
            throw ArmException.notFound(id.type(), id.name(), id.resourceGroup());
        }
        return r;
    }

    /** The parent of a nested resource, or Azure's ParentResourceNotFound. */
    Resource requireParent(ResourceId id) {
        Resource parent = inventory.get(id.parent());
        if (parent == null) {
            throw new ArmException(404, "ParentResourceNotFound", "Can not perform requested operation on nested"
                    + " resource. Parent resource '" + id.parent().name() + "' not found.");
        }
        return parent;
    }

    String requireLocation(JsonNode body, String resourceType) {
        String given = body.path("location").asText(null);
        if (given == null || given.isBlank()) {
            throw new ArmException(400, "LocationRequired", "The location property is required for this definition.");
        }
        String location = Regions.normalize(given);
        if (location == null) {
            throw new ArmException(400, "LocationNotAvailableForResourceType", "The provided location '" + given
                    + "' is not available for resource type '" + resourceType + "'. List of available regions for"
                    + " the resource type is '" + String.join(",", Regions.ALL.keySet()) + "'.");
        }
        return location;
    }

    /** A new resource body: id, name, type, location, tags and the given properties. */
    static ObjectNode newBody(ResourceId id, String location, JsonNode request) {
        ObjectNode body = Json.object();
        body.put("id", id.value());
        body.put("name", id.name());
        body.put("type", id.type());
        if (location != null) {
            body.put("location", location);
        }
        JsonNode tags = request.get("tags");
        body.set("tags", tags instanceof ObjectNode ? tags.deepCopy() : Json.object());
        JsonNode properties = request.get("properties");
        body.set("properties", properties instanceof ObjectNode ? properties.deepCopy() : Json.object());
        return body;
    }

    /** The injected failure for the long-running operation this request starts, if a fault says so. */
    ArmError injectedFailure(ArmRequest request, String resourceName) {
        FaultRule rule = faults.take(FaultRule.Kind.OPERATION_FAILED, request.operation(), resourceName);
        return rule == null ? null : new ArmError(rule.code(), rule.message(), null);
    }

    Operations.Op start(ArmRequest request, ResourceId id, String location, Instant dueAt,
                        Operations.Completion completion) {
        String namespace = id.type().split("/")[0];
        return operations.start(id.subscription(), namespace, location, dueAt, completion,
                injectedFailure(request, id.name()));
    }

    /**
     * The first response of a long-running operation: its status, the polling headers, and the body. Once an action
     * (POST) is done, its Location URL answers "the exact same response that would have been returned had the
     * operation been executed synchronously" (Azure/azure-resource-manager-rpc v1.0/async-api-reference.md, "202
     * Accepted and Location Headers"); for Compute's actions that is a plain 200, as their spec declares only 200 and
     * 202 (azure-rest-api-specs ComputeRP/stable/2024-11-01/examples/virtualMachineExamples/
     * VirtualMachine_Deallocate_MaximumSet_Gen.json). The JavaScript SDK's generated clients check exactly that:
     * @azure/arm-compute 24.1.0 polls deallocate to the end on Location and its deserializer accepts 200, 201 and 202,
     * so a 204 there fails the call.
     */
    ArmResponse accepted(ArmRequest request, Operations.Op op, int status, JsonNode body, boolean withLocation) {
        if (request.method().equals("POST")) {
            op.emptyResultStatus = 200;
        }
        ArmResponse response = new ArmResponse(status, body);
        String apiVersion = request.apiVersion();
        response.header("Azure-AsyncOperation", operations.statusUrl(request.baseUrl(), op, apiVersion));
        if (withLocation) {
            response.header("Location", operations.resultUrl(request.baseUrl(), op, apiVersion));
        }
        return withRetryAfter(response, op);
    }

    /** Adds Retry-After while the operation runs and a client should wait before polling again. */
    ArmResponse withRetryAfter(ArmResponse response, Operations.Op op) {
        Integer retryAfter = operations.retryAfter(op);
        if (retryAfter != null) {
            response.header("Retry-After", String.valueOf(retryAfter));
        }
        return response;
    }

    /** A completion that ends the resource's provisioningState as Succeeded, or Failed. */
    static Operations.Completion provisioning(ObjectNode properties) {
        return new Operations.Completion() {
            @Override
            public JsonNode succeed() {
                properties.put("provisioningState", "Succeeded");
                return null;
            }

            @Override
            public void fail(ArmError error) {
                properties.put("provisioningState", "Failed");
            }
        };
    }
}

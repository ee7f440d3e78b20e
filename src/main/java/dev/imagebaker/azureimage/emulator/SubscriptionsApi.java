package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Subscriptions and their locations: what a client asks first. */
final class SubscriptionsApi implements ResourceApi {
    private final CloudState cloud;
    private final String tenantId;

    SubscriptionsApi(CloudState cloud, String tenantId) {
        this.cloud = cloud;
        this.tenantId = tenantId;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/subscriptions", this::list);
        router.add("GET", "/subscriptions/{sub}", this::get);
        router.add("GET", "/subscriptions/{sub}/locations", this::locations);
    }

    private ObjectNode subscription(String id) {
        ObjectNode s = Json.object();
        s.put("id", "/subscriptions/" + id);
        s.put("subscriptionId", id);
        s.put("tenantId", tenantId);
        s.put("displayName", "Azure image emulator");
        s.put("state", "Enabled");
        s.putObject("subscriptionPolicies").put("locationPlacementId", "Public_2014-09-01")
                .put("quotaId", "PayAsYouGo_2014-09-01").put("spendingLimit", "Off");
        s.put("authorizationSource", "RoleBased");
        return s;
    }

    private ArmResponse list(ArmRequest req, Router.Params p) {
        ArrayNode value = Json.array();
        cloud.subscriptions.stream().sorted().forEach(s -> value.add(subscription(s)));
        return ArmResponse.ok(Json.object().set("value", value));
    }

    private ArmResponse get(ArmRequest req, Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        return ArmResponse.ok(subscription(p.get("sub")));
    }

    private ArmResponse locations(ArmRequest req, Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        ArrayNode value = Json.array();
        for (Map.Entry<String, String> r : Regions.ALL.entrySet()) {
            ObjectNode l = value.addObject();
            l.put("id", "/subscriptions/" + p.get("sub") + "/locations/" + r.getKey());
            l.put("name", r.getKey());
            l.put("displayName", r.getValue());
            l.put("regionalDisplayName", r.getValue());
            l.putObject("metadata").put("regionType", "Physical");
        }
        return ArmResponse.ok(Json.object().set("value", value));
    }
}

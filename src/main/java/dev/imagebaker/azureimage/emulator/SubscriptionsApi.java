package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /**
     * The subscription's regions in the shape of Resources 2022-12-01 (spec GetLocations.json, wrapped in
     * {"value":[...]} as the swagger's LocationListResult and real Azure do); zonal regions carry their zone
     * mappings, and only includeExtendedLocations=true adds the edge zones.
     */
    private ArmResponse locations(ArmRequest req, Router.Params p) {
        String sub = p.get("sub");
        cloud.requireSubscription(sub);
        ArrayNode value = Json.array();
        for (Regions.Region r : Regions.all()) {
            ObjectNode l = value.addObject();
            l.put("id", "/subscriptions/" + sub + "/locations/" + r.name());
            l.put("name", r.name());
            l.put("type", "Region");
            l.put("displayName", r.displayName());
            l.put("regionalDisplayName", r.regionalDisplayName());
            ObjectNode m = l.putObject("metadata");
            m.put("regionType", "Physical");
            m.put("regionCategory", r.recommended() ? "Recommended" : "Other");
            m.put("geography", r.geography());
            m.put("geographyGroup", r.geographyGroup());
            m.put("longitude", r.longitude());
            m.put("latitude", r.latitude());
            m.put("physicalLocation", r.physicalLocation());
            ArrayNode pairs = m.putArray("pairedRegion");
            if (r.pair() != null) {
                pairs.addObject().put("name", r.pair()).put("id", "/subscriptions/" + sub + "/locations/" + r.pair());
            }
            if (r.zonal()) {
                ArrayNode zones = l.putArray("availabilityZoneMappings");
                for (String zone : Regions.zones(r.name())) {
                    zones.addObject().put("logicalZone", zone).put("physicalZone", r.name() + "-az" + zone);
                }
            }
        }
        if ("true".equalsIgnoreCase(req.query("includeExtendedLocations"))) {
            // GetLocationsWithExtendedLocations.json: an edge zone names its home region.
            ObjectNode edge = value.addObject();
            edge.put("id", "/subscriptions/" + sub + "/locations/microsoftlosangeles1");
            edge.put("name", "microsoftlosangeles1");
            edge.put("type", "EdgeZone");
            edge.put("displayName", "Los Angeles");
            edge.put("regionalDisplayName", "(US) Los Angeles");
            ObjectNode m = edge.putObject("metadata");
            m.put("regionType", "Physical");
            m.put("regionCategory", "Extended");
            m.put("geography", "United States");
            m.put("geographyGroup", "US");
            m.put("longitude", "-118.23537");
            m.put("latitude", "34.058414");
            m.put("physicalLocation", "Los Angeles");
            m.put("homeLocation", "westus");
        }
        return ArmResponse.ok(Json.object().set("value", value));
    }
}

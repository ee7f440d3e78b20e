package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /subscriptions/{sub}/providers/Microsoft.Compute/skus: the VM sizes per region (spec Skus 2021-07-01,
 * ListAvailableResourceSkusForARegion.json). Only the location filter is supported, as the spec says; a size the
 * subscription may not use carries a NotAvailableForSubscription restriction.
 */
final class ResourceSkusApi implements ResourceApi {
    private static final Pattern LOCATION_FILTER = Pattern.compile("^\\s*location\\s+eq\\s+'([^']*)'\\s*$",
            Pattern.CASE_INSENSITIVE);
    private final CloudState cloud;

    ResourceSkusApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/subscriptions/{sub}/providers/Microsoft.Compute/skus", this::list);
    }

    private ArmResponse list(ArmRequest req, Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        String filter = req.query("$filter");
        String only = null;
        if (filter != null && !filter.isBlank()) {
            Matcher m = LOCATION_FILTER.matcher(filter);
            if (!m.matches()) {
                // The exact refusal is not documented; the spec only says "Only location filter is supported".
                throw new ArmException(400, "InvalidFilter", "The filter '" + filter + "' is not supported. Only"
                        + " the location filter is supported, e.g. location eq 'westeurope'.");
            }
            only = Regions.normalize(m.group(1));
            if (only == null) {
                return page(Json.array());
            }
        }
        ArrayNode value = Json.array();
        for (Regions.Region region : Regions.all()) {
            if (only != null && !only.equals(region.name())) {
                continue;
            }
            for (ComputeSkus.Size size : ComputeSkus.all()) {
                value.add(ComputeSkus.item(size, region.name(),
                        cloud.entitlements.restricted(size.name(), region.name())));
            }
        }
        return page(value);
    }

    /** {"value":[...],"nextLink":null}: one page holds the whole catalogue. */
    private static ArmResponse page(ArrayNode value) {
        ObjectNode body = Json.object();
        body.set("value", value);
        body.putNull("nextLink");
        return ArmResponse.ok(body);
    }
}

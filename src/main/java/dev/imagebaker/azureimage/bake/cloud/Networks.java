package dev.imagebaker.azureimage.bake.cloud;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The build VM's network: the plugin's own in the temporary group, or an existing subnet. */
public interface Networks {

    /**
     * Creates the build network in the group: a subnet with an NSG that denies all inbound traffic and a
     * Microsoft.Storage service endpoint, and (withNat) a NAT gateway with a Standard public IP as the way out.
     * Returns the subnet's id.
     */
    String createBuildNetwork(String resourceGroup, String location, String name, boolean withNat,
                              Map<String, String> tags, Duration timeout);

    /** An existing subnet and what it offers; empty when it does not exist. */
    Optional<SubnetInfo> subnet(String subnetId);

    /**
     * A subnet: its region (the virtual network's), and its ways out: a NAT gateway, a route table with a default
     * route (e.g. to a firewall), or default outbound access (null: not set, which is on for networks made before
     * network API 2025-07-01).
     */
    record SubnetInfo(String id, String location, boolean natGateway, boolean defaultRoute,
                      Boolean defaultOutboundAccess) {
        public boolean hasWayOut() {
            return natGateway || defaultRoute || !Boolean.FALSE.equals(defaultOutboundAccess);
        }
    }
}

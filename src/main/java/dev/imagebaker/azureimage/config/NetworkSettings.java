package dev.imagebaker.azureimage.config;

/**
 * Where the build VM is placed. Without a subnet the plugin makes its own network in the temporary group: a subnet
 * with an NSG that denies all inbound traffic, a service endpoint to Azure Storage, and an outbound path (a NAT
 * gateway), since subnets are private by default from network API 2025-07-01. With a subnet id the VM goes into that
 * existing subnet (a corporate network, egress through a firewall) and nothing network-wise is created.
 */
public record NetworkSettings(String subnetId, Outbound outbound) {

    /** How the build VM reaches the internet (package mirrors, the staging account's public endpoint). */
    public enum Outbound {
        /** A NAT gateway with a public IP in the temporary group (the plugin's own network). */
        NAT,
        /** No outbound path: the scripts need nothing from the internet. */
        NONE,
        /** An existing subnet, checked before anything is created: NAT gateway, default route, or default outbound. */
        CHECKED,
        /** An existing subnet whose way out the plugin cannot see (e.g. a proxy): the user says it has one. */
        ASSUMED
    }

    public static NetworkSettings own() {
        return new NetworkSettings(null, Outbound.NAT);
    }

    public boolean existingSubnet() {
        return subnetId != null;
    }
}

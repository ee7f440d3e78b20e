package dev.imagebaker.azureimage.config;

import java.net.URI;
import java.util.Set;

/**
 * Which Azure cloud the plugin talks to: the public cloud, a sovereign one, or custom endpoints (Azure Stack, a
 * proxy of ARM, the embedded emulator). regions: the cloud's regions as this plugin knows them (empty for a custom
 * cloud: nothing to check offline).
 */
public record CloudSettings(String name, URI resourceManager, URI authorityHost, String audience,
                            Set<String> regions) {
    public static final CloudSettings AZURE = new CloudSettings("AzureCloud",
            URI.create("https://management.azure.com/"), URI.create("https://login.microsoftonline.com/"),
            "https://management.core.windows.net/", AzureRegions.PUBLIC);
    public static final CloudSettings US_GOVERNMENT = new CloudSettings("AzureUSGovernment",
            URI.create("https://management.usgovcloudapi.net/"), URI.create("https://login.microsoftonline.us/"),
            "https://management.core.usgovcloudapi.net/", AzureRegions.US_GOVERNMENT);
    public static final CloudSettings CHINA = new CloudSettings("AzureChinaCloud",
            URI.create("https://management.chinacloudapi.cn/"), URI.create("https://login.chinacloudapi.cn/"),
            "https://management.core.chinacloudapi.cn/", AzureRegions.CHINA);

    public CloudSettings {
        regions = Set.copyOf(regions);
    }

    public boolean custom() {
        return !Set.of(AZURE.name, US_GOVERNMENT.name, CHINA.name).contains(name);
    }

    /** A cloud of custom endpoints; audience defaults to the resource manager's URL. */
    public static CloudSettings custom(URI resourceManager, URI authorityHost, String audience) {
        return new CloudSettings("Custom", resourceManager, authorityHost,
                audience == null ? resourceManager.toString() : audience, Set.of());
    }

    /** A known cloud by name (as az cloud list names them), any casing; null when unknown. */
    public static CloudSettings named(String name) {
        for (CloudSettings c : new CloudSettings[] {AZURE, US_GOVERNMENT, CHINA}) {
            if (c.name.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}

package dev.imagebaker.azureimage.config;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Azure regions this plugin knows, to catch a misspelt region offline. Regions are added faster than a plugin is
 * released, so an unknown name is only a warning offline; the bake checks it against the subscription's own list of
 * locations before anything is created. Names from Microsoft's region list (learn.microsoft.com, "Azure regions
 * list") and the SDK's Region class (US Government and China clouds).
 */
public final class AzureRegions {
    public static final Set<String> PUBLIC = Set.of(
            "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast",
            "belgiumcentral", "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast", "centralindia",
            "centralus", "chilecentral", "eastasia", "eastus", "eastus2", "francecentral", "francesouth",
            "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth", "japaneast",
            "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth", "malaysiawest",
            "mexicocentral", "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest",
            "polandcentral", "qatarcentral", "southafricanorth", "southafricawest", "southcentralus", "southindia",
            "southeastasia", "spaincentral", "swedencentral", "swedensouth", "switzerlandnorth", "switzerlandwest",
            "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus",
            "westus2", "westus3");
    public static final Set<String> US_GOVERNMENT = Set.of("usgovvirginia", "usgovarizona", "usgovtexas",
            "usdodeast", "usdodcentral");
    public static final Set<String> CHINA = Set.of("chinanorth", "chinanorth2", "chinanorth3", "chinaeast",
            "chinaeast2", "chinaeast3");
    public static final Set<String> NAMES = union(PUBLIC, US_GOVERNMENT, CHINA);

    private AzureRegions() {
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return java.util.Collections.unmodifiableSet(all);
    }

    /** The programmatic name: "West Europe" and "westeurope" both give "westeurope"; null for null. */
    public static String normalize(String region) {
        return region == null ? null : region.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** The canonical name of a known region, or null if this plugin does not know it. */
    public static String canonical(String region) {
        String name = normalize(region);
        return name != null && NAMES.contains(name) ? name : null;
    }

    /** The closest known region name, for "did you mean" messages. */
    static String closest(String region) {
        return closest(region, NAMES);
    }

    /** The closest of names (at most 3 edits away), for "did you mean" messages; null when none is near. */
    public static String closest(String region, java.util.Collection<String> names) {
        return DidYouMean.closest(normalize(region), names);
    }
}

package dev.imagebaker.azureimage.emulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The public Azure regions the emulator knows: name to display name. */
final class Regions {
    static final Map<String, String> ALL = new LinkedHashMap<>();

    static {
        String[][] regions = {
            {"eastus", "East US"}, {"eastus2", "East US 2"}, {"centralus", "Central US"},
            {"northcentralus", "North Central US"}, {"southcentralus", "South Central US"},
            {"westcentralus", "West Central US"}, {"westus", "West US"}, {"westus2", "West US 2"},
            {"westus3", "West US 3"}, {"canadacentral", "Canada Central"}, {"canadaeast", "Canada East"},
            {"brazilsouth", "Brazil South"}, {"northeurope", "North Europe"}, {"westeurope", "West Europe"},
            {"uksouth", "UK South"}, {"ukwest", "UK West"}, {"francecentral", "France Central"},
            {"germanywestcentral", "Germany West Central"}, {"switzerlandnorth", "Switzerland North"},
            {"norwayeast", "Norway East"}, {"swedencentral", "Sweden Central"}, {"polandcentral", "Poland Central"},
            {"italynorth", "Italy North"}, {"spaincentral", "Spain Central"},
            {"uaenorth", "UAE North"}, {"southafricanorth", "South Africa North"},
            {"centralindia", "Central India"}, {"southindia", "South India"}, {"eastasia", "East Asia"},
            {"southeastasia", "Southeast Asia"}, {"japaneast", "Japan East"}, {"japanwest", "Japan West"},
            {"koreacentral", "Korea Central"}, {"australiaeast", "Australia East"},
            {"australiasoutheast", "Australia Southeast"},
        };
        for (String[] r : regions) {
            ALL.put(r[0], r[1]);
        }
    }

    private Regions() {
    }

    /** The region's canonical name; accepts display names ("West Europe") as ARM does; null if unknown. */
    static String normalize(String location) {
        if (location == null) {
            return null;
        }
        String key = location.replace(" ", "").toLowerCase(Locale.ROOT);
        return ALL.containsKey(key) ? key : null;
    }
}

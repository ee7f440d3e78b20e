package dev.imagebaker.azureimage.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The public Azure regions the emulator knows, with what the Locations API says of each. The list is the public
 * physical regions of the azure-docs regions list (2025) plus malaysiawest, chilecentral, jioindiacentral,
 * jioindiawest and swedensouth (azure-sdk-for-java RegionUtils); coordinates, physical locations and pairs are
 * those {@code az account list-locations} reports. Zonal regions follow learn's "regions with availability zones".
 */
final class Regions {

    /** One region as GET /subscriptions/{sub}/locations describes it; pair is null when Azure names none. */
    record Region(String name, String displayName, String geographyGroup, String geography, String latitude,
                  String longitude, String physicalLocation, boolean recommended, String pair, boolean zonal) {
        String regionalDisplayName() {
            return "(" + geographyGroup + ") " + displayName;
        }
    }

    /** Name to display name, in the order the Locations API lists them. */
    static final Map<String, String> ALL = new LinkedHashMap<>();
    private static final Map<String, Region> BY_NAME = new LinkedHashMap<>();
    private static final Set<String> ZONAL = Set.of("brazilsouth", "canadacentral", "centralus", "eastus", "eastus2",
            "mexicocentral", "southcentralus", "westus2", "westus3", "francecentral", "germanywestcentral",
            "italynorth", "northeurope", "norwayeast", "polandcentral", "spaincentral", "swedencentral",
            "switzerlandnorth", "uksouth", "westeurope", "australiaeast", "centralindia", "eastasia", "japaneast",
            "japanwest", "koreacentral", "newzealandnorth", "southeastasia", "israelcentral", "qatarcentral",
            "southafricanorth", "uaenorth", "austriaeast", "belgiumcentral", "chilecentral", "indonesiacentral",
            "malaysiawest");

    static {
        // name, display name, geography group, geography, latitude, longitude, physical location, category, pair
        String[][] regions = {
            {"eastus", "East US", "US", "United States", "37.3719", "-79.8164", "Virginia", "R", "westus"},
            {"westus2", "West US 2", "US", "United States", "47.233", "-119.852", "Washington", "R", "westcentralus"},
            {"australiaeast", "Australia East", "Asia Pacific", "Australia", "-33.86", "151.2094", "New South Wales",
                "R", "australiasoutheast"},
            {"southeastasia", "Southeast Asia", "Asia Pacific", "Asia Pacific", "1.283", "103.833", "Singapore", "R",
                "eastasia"},
            {"northeurope", "North Europe", "Europe", "Europe", "53.3478", "-6.2597", "Ireland", "R", "westeurope"},
            {"swedencentral", "Sweden Central", "Europe", "Sweden", "60.67488", "17.14127", "Gävle", "R",
                "swedensouth"},
            {"uksouth", "UK South", "Europe", "United Kingdom", "50.941", "-0.799", "London", "R", "ukwest"},
            {"westeurope", "West Europe", "Europe", "Europe", "52.3667", "4.9", "Netherlands", "R", "northeurope"},
            {"centralus", "Central US", "US", "United States", "41.5908", "-93.6208", "Iowa", "R", "eastus2"},
            {"southafricanorth", "South Africa North", "Africa", "South Africa", "-25.73134", "28.21837",
                "Johannesburg", "R", "southafricawest"},
            {"centralindia", "Central India", "Asia Pacific", "India", "18.5822", "73.9197", "Pune", "R",
                "southindia"},
            {"eastasia", "East Asia", "Asia Pacific", "Asia Pacific", "22.267", "114.188", "Hong Kong", "R",
                "southeastasia"},
            {"indonesiacentral", "Indonesia Central", "Asia Pacific", "Indonesia", "-6.2088", "106.8456", "Jakarta",
                "R", null},
            {"japaneast", "Japan East", "Asia Pacific", "Japan", "35.68", "139.77", "Tokyo, Saitama", "R",
                "japanwest"},
            {"japanwest", "Japan West", "Asia Pacific", "Japan", "34.6939", "135.5022", "Osaka", "R", "japaneast"},
            {"koreacentral", "Korea Central", "Asia Pacific", "Korea", "37.5665", "126.978", "Seoul", "R",
                "koreasouth"},
            {"malaysiawest", "Malaysia West", "Asia Pacific", "Malaysia", "3.1390", "101.6869", "Kuala Lumpur", "R",
                null},
            {"newzealandnorth", "New Zealand North", "Asia Pacific", "New Zealand", "-36.84853", "174.76349",
                "Auckland", "R", null},
            {"canadacentral", "Canada Central", "Canada", "Canada", "43.653", "-79.383", "Toronto", "R",
                "canadaeast"},
            {"austriaeast", "Austria East", "Europe", "Austria", "48.2082", "16.3738", "Vienna", "R", null},
            {"belgiumcentral", "Belgium Central", "Europe", "Belgium", "50.8503", "4.3517", "Brussels", "R", null},
            {"francecentral", "France Central", "Europe", "France", "46.3772", "2.373", "Paris", "R", "francesouth"},
            {"germanywestcentral", "Germany West Central", "Europe", "Germany", "50.110924", "8.682127", "Frankfurt",
                "R", "germanynorth"},
            {"italynorth", "Italy North", "Europe", "Italy", "45.46888", "9.18109", "Milan", "R", null},
            {"norwayeast", "Norway East", "Europe", "Norway", "59.913868", "10.752245", "Norway", "R", "norwaywest"},
            {"polandcentral", "Poland Central", "Europe", "Poland", "52.23334", "21.01666", "Warsaw", "R", null},
            {"spaincentral", "Spain Central", "Europe", "Spain", "40.4259", "-3.4209", "Madrid", "R", null},
            {"switzerlandnorth", "Switzerland North", "Europe", "Switzerland", "47.451542", "8.564572", "Zurich", "R",
                "switzerlandwest"},
            {"mexicocentral", "Mexico Central", "Mexico", "Mexico", "20.588818", "-100.389888", "Querétaro State",
                "R", null},
            {"uaenorth", "UAE North", "Middle East", "UAE", "25.266666", "55.316666", "Dubai", "R", "uaecentral"},
            {"brazilsouth", "Brazil South", "South America", "Brazil", "-23.55", "-46.633", "Sao Paulo State", "R",
                "southcentralus"},
            {"chilecentral", "Chile Central", "South America", "Chile", "-33.448", "-70.6693", "Santiago", "R",
                null},
            {"israelcentral", "Israel Central", "Middle East", "Israel", "31.2655698", "33.4506633", "Israel", "R",
                null},
            {"qatarcentral", "Qatar Central", "Middle East", "Qatar", "25.551462", "51.439327", "Doha", "R", null},
            {"eastus2", "East US 2", "US", "United States", "36.6681", "-78.3889", "Virginia", "R", "centralus"},
            {"southcentralus", "South Central US", "US", "United States", "29.4167", "-98.5", "Texas", "R",
                "northcentralus"},
            {"westus3", "West US 3", "US", "United States", "33.448376", "-112.074036", "Phoenix", "R", "eastus"},
            {"northcentralus", "North Central US", "US", "United States", "41.8819", "-87.6278", "Illinois", "O",
                "southcentralus"},
            {"westus", "West US", "US", "United States", "37.783", "-122.417", "California", "O", "eastus"},
            {"jioindiawest", "Jio India West", "Asia Pacific", "India", "22.470701", "70.05773", "Jamnagar", "O",
                "jioindiacentral"},
            {"westcentralus", "West Central US", "US", "United States", "40.89", "-110.234", "Wyoming", "O",
                "westus2"},
            {"southafricawest", "South Africa West", "Africa", "South Africa", "-34.075691", "18.843266",
                "Cape Town", "O", "southafricanorth"},
            {"australiacentral", "Australia Central", "Asia Pacific", "Australia", "-35.3075", "149.1244",
                "Canberra", "O", "australiacentral2"},
            {"australiacentral2", "Australia Central 2", "Asia Pacific", "Australia", "-35.3075", "149.1244",
                "Canberra", "O", "australiacentral"},
            {"australiasoutheast", "Australia Southeast", "Asia Pacific", "Australia", "-37.8136", "144.9631",
                "Victoria", "O", "australiaeast"},
            {"jioindiacentral", "Jio India Central", "Asia Pacific", "India", "21.146633", "79.08886", "Nagpur", "O",
                "jioindiawest"},
            {"koreasouth", "Korea South", "Asia Pacific", "Korea", "35.1796", "129.0756", "Busan", "O",
                "koreacentral"},
            {"southindia", "South India", "Asia Pacific", "India", "12.9822", "80.1636", "Chennai", "O",
                "centralindia"},
            {"westindia", "West India", "Asia Pacific", "India", "19.088", "72.868", "Mumbai", "O", "southindia"},
            {"canadaeast", "Canada East", "Canada", "Canada", "46.817", "-71.217", "Quebec", "O", "canadacentral"},
            {"francesouth", "France South", "Europe", "France", "43.8345", "2.1972", "Marseille", "O",
                "francecentral"},
            {"germanynorth", "Germany North", "Europe", "Germany", "53.073635", "8.806422", "Berlin", "O",
                "germanywestcentral"},
            {"norwaywest", "Norway West", "Europe", "Norway", "58.969975", "5.733107", "Norway", "O", "norwayeast"},
            {"switzerlandwest", "Switzerland West", "Europe", "Switzerland", "46.204391", "6.143158", "Geneva", "O",
                "switzerlandnorth"},
            {"ukwest", "UK West", "Europe", "United Kingdom", "53.427", "-3.084", "Cardiff", "O", "uksouth"},
            {"uaecentral", "UAE Central", "Middle East", "UAE", "24.466667", "54.366669", "Abu Dhabi", "O",
                "uaenorth"},
            {"brazilsoutheast", "Brazil Southeast", "South America", "Brazil", "-22.90278", "-43.2075", "Rio", "O",
                "brazilsouth"},
            {"swedensouth", "Sweden South", "Europe", "Sweden", "55.60587", "13.00073", "Malmo", "O",
                "swedencentral"},
        };
        for (String[] r : regions) {
            Region region = new Region(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7].equals("R"), r[8],
                    ZONAL.contains(r[0]));
            BY_NAME.put(r[0], region);
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

    /** The region of that canonical name, or null. */
    static Region get(String name) {
        return name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    static List<Region> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** Availability zones of a region: 1, 2 and 3 where it has zones, none elsewhere. */
    static List<String> zones(String name) {
        Region region = get(name);
        return region != null && region.zonal() ? List.of("1", "2", "3") : List.of();
    }
}

package dev.imagebaker.azureimage.config;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Public Azure regions, to catch a misspelt region before anything is created. */
public final class AzureRegions {
    public static final Set<String> NAMES = new TreeSet<>(Set.of(
            "eastus", "eastus2", "centralus", "northcentralus", "southcentralus", "westcentralus", "westus",
            "westus2", "westus3", "canadacentral", "canadaeast", "brazilsouth", "northeurope", "westeurope",
            "uksouth", "ukwest", "francecentral", "germanywestcentral", "switzerlandnorth", "norwayeast",
            "swedencentral", "polandcentral", "italynorth", "spaincentral", "uaenorth", "southafricanorth",
            "centralindia", "southindia", "eastasia", "southeastasia", "japaneast", "japanwest", "koreacentral",
            "australiaeast", "australiasoutheast"));

    private AzureRegions() {
    }

    /** The canonical name ("West Europe" and "westeurope" both give "westeurope"), or null if unknown. */
    public static String canonical(String region) {
        if (region == null) {
            return null;
        }
        String name = region.replace(" ", "").toLowerCase(Locale.ROOT);
        return NAMES.contains(name) ? name : null;
    }

    /** The closest known region name, for "did you mean" messages. */
    static String closest(String region) {
        String given = region.replace(" ", "").toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : NAMES) {
            int d = distance(given, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return bestDistance <= 3 ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

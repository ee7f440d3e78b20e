package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How versions are published: target regions (every bad entry reported), end of life, retention. */
final class PublishingReader {
    private static final String FIX = "Write each region as <targetRegion><name>northeurope</name><replicas>2"
            + "</replicas><storageAccountType>Standard_ZRS</storageAccountType></targetRegion>, or as"
            + " name[:replicas[:storageAccountType]] in -D" + PropertyNames.TARGET_REGIONS
            + "=westeurope,northeurope:2:Standard_ZRS.";
    private PublishingReader() {
    }

    static Publishing read(ConfigValues values, String location, boolean publishLater, CloudSettings cloud) {
        List<TargetRegion> regions = targetRegions(values, cloud);
        if (location != null && regions.stream().noneMatch(r -> r.name().equals(location))) {
            // Azure requires the source region among the targets: the build region is always one.
            regions.add(0, new TargetRegion(location, 1, TargetRegion.DEFAULT_STORAGE));
        }
        Period endOfLife = null;
        String eol = values.get(PropertyNames.END_OF_LIFE_AFTER);
        if (eol != null) {
            try {
                endOfLife = Period.parse(eol.toUpperCase(Locale.ROOT));
                if (endOfLife.isNegative() || endOfLife.isZero()) {
                    values.problem(PropertyNames.END_OF_LIFE_AFTER, "'" + eol + "' is not a positive period.",
                            "Use an ISO-8601 period such as P1Y, P6M or P90D.");
                }
            } catch (DateTimeParseException e) {
                values.problem(PropertyNames.END_OF_LIFE_AFTER, "'" + eol + "' is not an ISO-8601 period.",
                        "Use a period such as P1Y, P6M or P90D.");
            }
        }
        // Every retention value is checked, even when no count turns retention on.
        int releases = count(values, PropertyNames.RETENTION_RELEASES);
        int snapshots = count(values, PropertyNames.RETENTION_SNAPSHOTS);
        Duration minimumAge = values.nonNegative(PropertyNames.RETENTION_MINIMUM_AGE, "P7D");
        boolean dryRun = values.bool(PropertyNames.RETENTION_DRY_RUN);
        Retention retention = null;
        if (values.get(PropertyNames.RETENTION_RELEASES) != null
                || values.get(PropertyNames.RETENTION_SNAPSHOTS) != null) {
            retention = new Retention(releases, snapshots, minimumAge, dryRun);
        } else if (values.get(PropertyNames.RETENTION_MINIMUM_AGE) != null
                || values.get(PropertyNames.RETENTION_DRY_RUN) != null) {
            values.warn(PropertyNames.RETENTION_MINIMUM_AGE, "retention is off: <retention> sets neither <releases>"
                    + " nor <snapshots>, so <minimumAge> and <dryRun> do nothing.");
        }
        return new Publishing(regions, endOfLife, retention, values.duration(PropertyNames.TIMEOUT_REPLICATION,
                "PT3H"), publishLater);
    }

    /** Every entry is checked, so that all bad ones are reported at once. */
    private static List<TargetRegion> targetRegions(ConfigValues values, CloudSettings cloud) {
        List<TargetRegion> regions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RawConfiguration.TargetRegionEntry entry : values.targetRegions()) {
            String problem = null;
            String name = AzureRegions.normalize(entry.name());
            if (name == null || name.isBlank()) {
                problem = "entry has no region name";
            } else {
                BakeConfigReader.unknownRegion(values, PropertyNames.TARGET_REGIONS, entry.name(), cloud);
            }
            int replicas = 1;
            if (entry.replicas() != null && !entry.replicas().isBlank()) {
                try {
                    replicas = Integer.parseInt(entry.replicas().trim());
                } catch (NumberFormatException e) {
                    replicas = -1;
                }
                if (replicas < 1 || replicas > 100) {
                    problem = "the replica count '" + entry.replicas() + "' of " + entry.name() + " is not a number"
                            + " from 1 to 100";
                }
            }
            String storage = entry.storageAccountType() == null || entry.storageAccountType().isBlank()
                    ? TargetRegion.DEFAULT_STORAGE : entry.storageAccountType().trim();
            String known = TargetRegion.STORAGE_TYPES.stream().filter(t -> t.equalsIgnoreCase(storage)).findFirst()
                    .orElse(null);
            if (known == null) {
                problem = "the storage account type '" + storage + "' of " + entry.name() + " is not one of "
                        + TargetRegion.STORAGE_TYPES;
            }
            if (problem == null && !seen.add(name)) {
                problem = name + " is listed twice";
            }
            if (problem != null) {
                values.problem(PropertyNames.TARGET_REGIONS, "The target region " + problem + ".", FIX);
            } else {
                regions.add(new TargetRegion(name, replicas, known));
            }
        }
        return regions;
    }

    /** A count of versions to keep; absent means keep them all. */
    private static int count(ConfigValues values, String property) {
        String v = values.get(property);
        if (v == null) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        values.problem(property, "'" + v + "' is not a count of versions to keep (1 or more).",
                "Use e.g. 5; leave it out to keep every version of that kind.");
        return Integer.MAX_VALUE;
    }
}

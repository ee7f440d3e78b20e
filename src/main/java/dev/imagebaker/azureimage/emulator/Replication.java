package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a gallery image version replicates: to validated target regions, the source region first, one region after
 * the other. The schedule is kept in the version's private state (each region's start and due time), so progress
 * is read from the clock and nothing runs in the background.
 */
final class Replication {
    private final Clock clock;

    Replication(Clock clock) {
        this.clock = clock;
    }

    /** Validated target regions (canonical names); the source region must be one of them. */
    static List<String> targetRegions(ObjectNode profile, String sourceRegion) {
        if (profile.hasNonNull("storageAccountType")) {
            // Case does not matter: Microsoft's own CLI examples send "standard_zrs" as typed
            // (image-version-snapshot-cli.md, --target-regions "eastus2=1=standard_zrs"), answered in the enum's spelling.
            profile.put("storageAccountType", AzureEnums.canonical(profile.get("storageAccountType").asText(),
                    AzureEnums.GALLERY_STORAGE, "publishingProfile.storageAccountType"));
        }
        JsonNode regions = profile.get("targetRegions");
        if (regions == null || !regions.isArray() || regions.isEmpty()) {
            ArrayNode defaults = profile.putArray("targetRegions");
            defaults.addObject().put("name", Regions.ALL.get(sourceRegion));
            regions = defaults;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode region : regions) {
            String given = region.path("name").asText();
            String name = Regions.normalize(given);
            if (name == null) {
                throw ArmException.invalidParameter("The target region '" + given + "' is not a valid region.",
                        "publishingProfile.targetRegions");
            }
            // Any casing is accepted and answered in Azure's (AzureEnums).
            String storage = AzureEnums.canonical(region.path("storageAccountType").asText(profile
                    .path("storageAccountType").asText("Standard_LRS")), AzureEnums.GALLERY_STORAGE,
                    "publishingProfile.targetRegions.storageAccountType");
            int replicas = region.path("regionalReplicaCount").asInt(profile.path("replicaCount").asInt(1));
            if (replicas < 1 || replicas > 100) {
                throw ArmException.invalidParameter("The regional replica count " + replicas + " of '" + given
                        + "' must be between 1 and 100.", "publishingProfile.targetRegions.regionalReplicaCount");
            }
            ObjectNode r = (ObjectNode) region;
            r.put("name", Regions.ALL.get(name));
            r.put("regionalReplicaCount", replicas);
            r.put("storageAccountType", storage);
            r.put("excludeFromLatest", r.path("excludeFromLatest").asBoolean(false));
            names.add(name);
        }
        if (!names.contains(sourceRegion)) {
            throw ArmException.invalidParameter("The target regions " + names + " must include the source region '"
                    + sourceRegion + "' of the gallery image version.", "publishingProfile.targetRegions");
        }
        return names;
    }

    /** Schedules replication to the regions not yet replicated, one after the other; returns when all are done. */
    Instant schedule(Resource version, List<String> regions, String sourceRegion) {
        JsonNode scheduled = version.state.path("regions");
        Instant last = clock.now();
        for (JsonNode r : scheduled) {
            Instant due = Instant.parse(r.path("dueAt").asText());
            last = due.isAfter(last) ? due : last;
        }
        List<String> ordered = new ArrayList<>(regions);
        ordered.remove(sourceRegion);
        ordered.add(0, sourceRegion);
        ArrayNode kept = Json.array();
        for (JsonNode r : scheduled) {
            if (regions.contains(r.path("name").asText())) {
                kept.add(r);
            }
        }
        for (String region : ordered) {
            boolean known = false;
            for (JsonNode r : kept) {
                known |= r.path("name").asText().equals(region);
            }
            if (!known) {
                Instant due = last.plus(clock.scaled(Latency.IMAGE_VERSION_REGION));
                ObjectNode entry = kept.addObject();
                entry.put("name", region);
                entry.put("startAt", last.toString());
                entry.put("dueAt", due.toString());
                last = due;
            }
        }
        version.state.set("regions", kept);
        return last;
    }

    /** After a failed create no replica is usable, and the regions not yet replicated show Failed. */
    void fail(Resource version) {
        version.state.put("replicationFailed", true);
    }

    /** The replicationStatus that GET shows with $expand=ReplicationStatus. */
    ObjectNode status(Resource version) {
        Instant now = clock.now();
        boolean failed = version.state.path("replicationFailed").asBoolean();
        ArrayNode summary = Json.array();
        boolean allDone = true;
        for (JsonNode r : version.state.path("regions")) {
            Instant start = Instant.parse(r.path("startAt").asText());
            Instant due = Instant.parse(r.path("dueAt").asText());
            boolean done = !now.isBefore(due);
            allDone &= done;
            ObjectNode entry = summary.addObject();
            entry.put("region", Regions.ALL.get(r.path("name").asText()));
            if (failed && !done) {
                entry.put("state", "Failed");
                entry.put("details", "Replication failed.");
                entry.put("progress", 0);
                continue;
            }
            long total = Math.max(1, Duration.between(start, due).toMillis());
            long elapsed = Math.max(0, Duration.between(start, now).toMillis());
            entry.put("state", done ? "Completed" : "Replicating");
            entry.put("progress", done ? 100 : (int) Math.min(99, elapsed * 100 / total));
        }
        ObjectNode status = Json.object();
        status.put("aggregatedState", failed && !allDone ? "Failed" : allDone ? "Completed" : "InProgress");
        status.set("summary", summary);
        return status;
    }

    /** Whether the version's replica in region is complete, so that a VM there can boot from it. */
    boolean replicatedTo(Resource version, String region) {
        for (JsonNode r : version.state.path("regions")) {
            if (r.path("name").asText().equals(region)) {
                return !clock.now().isBefore(Instant.parse(r.path("dueAt").asText()))
                        && !version.state.path("replicationFailed").asBoolean();
            }
        }
        return false;
    }
}

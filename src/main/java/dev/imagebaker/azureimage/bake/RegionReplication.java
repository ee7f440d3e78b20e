package dev.imagebaker.azureimage.bake;

/** Replication of a version to one region: state (Replicating, Completed, Failed) and progress in percent. */
public record RegionReplication(String region, String state, int progress, String details) {
    public boolean completed() {
        return "Completed".equalsIgnoreCase(state);
    }

    public boolean failed() {
        return "Failed".equalsIgnoreCase(state);
    }
}

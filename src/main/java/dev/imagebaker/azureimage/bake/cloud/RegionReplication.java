package dev.imagebaker.azureimage.bake.cloud;

/** Replication of a version to one region: its state, progress in percent, and Azure's details when it failed. */
public record RegionReplication(String region, ReplicationState state, int progress, String details) {
    public boolean completed() {
        return state == ReplicationState.COMPLETED;
    }

    public boolean failed() {
        return state == ReplicationState.FAILED;
    }
}

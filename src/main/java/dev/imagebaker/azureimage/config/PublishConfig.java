package dev.imagebaker.azureimage.config;

/**
 * What publish needs besides the manifest: where Azure is, how to publish, the bound on an operation, and the
 * release and snapshot definitions retention applies to (null when the pom does not name them).
 */
public record PublishConfig(String subscriptionId, String tenantId, Publishing publishing, Timeouts timeouts,
                            EmulatorSettings emulator, String releaseDefinition, String snapshotDefinition) {
}

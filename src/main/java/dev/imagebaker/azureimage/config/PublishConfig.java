package dev.imagebaker.azureimage.config;

/**
 * What the goals that do not bake (publish, clean) need: where Azure is, how to publish, the bound on an
 * operation, and the gallery with its release and snapshot definitions (null when the pom does not name them).
 */
public record PublishConfig(String subscriptionId, String tenantId, Publishing publishing, Timeouts timeouts,
                            EmulatorSettings emulator, String galleryResourceGroup, String galleryName,
                            String releaseDefinition, String snapshotDefinition, Access access,
                            String buildResourceGroup) {
}

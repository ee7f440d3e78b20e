package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.Secret;

/**
 * Where a run command writes its output and error streams: append blobs whose SAS URLs allow read, add, create and
 * write, as the run command handler requires. The URLs are secrets: never logged, never written.
 */
public record ScriptLogs(Secret outputUrl, Secret errorUrl) {
}

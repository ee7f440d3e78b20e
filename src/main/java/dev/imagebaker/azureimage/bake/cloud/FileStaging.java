package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where project files wait for the build VM, which has no inbound access: a storage account in the temporary
 * group. Uploads use a short-lived write-only SAS, downloads a short-lived read-only one, both minted by Azure;
 * the account's keys never leave Azure.
 */
public interface FileStaging {
    /** Creates the storage account and its container in the group. */
    StagingArea create(String resourceGroup, String location, String accountName, Duration timeout);

    /** Uploads a file of any size as a blob. */
    void upload(StagingArea area, String blobName, Path file);

    /** A read-only, HTTPS-only URL of one blob, valid for the given time; a secret. */
    Secret readUrl(StagingArea area, String blobName, Duration validity);

    /** The staging account and container. */
    record StagingArea(String resourceGroup, String accountName, String container) {
    }
}

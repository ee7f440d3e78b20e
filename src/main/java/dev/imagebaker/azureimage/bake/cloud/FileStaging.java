package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A storage account in the temporary group: where project files (and scripts too large to send inline) wait for
 * the build VM, which has no inbound access, and where run commands write their output. Every access uses a
 * short-lived SAS with the least permissions, minted by Azure; the account's keys never leave Azure.
 */
public interface FileStaging {
    /** Creates the storage account and its container in the group. */
    StagingArea create(String resourceGroup, String location, String accountName, java.util.Map<String, String> tags,
                       Duration timeout);

    /** Uploads a file of any size as a blob. */
    void upload(StagingArea area, String blobName, Path file);

    /** Uploads a text (UTF-8) as a blob, e.g. a script too large to send inline. */
    void uploadText(StagingArea area, String blobName, String text);

    /**
     * Where a run command's streams go: two append blobs under logs/ named after the run, with SAS URLs that allow
     * read, add, create and write (what the run command handler needs), valid for the given time; secrets.
     */
    ScriptLogs logs(StagingArea area, String runName, Duration validity);

    /** A read-only, HTTPS-only URL of one blob, valid for the given time; a secret. */
    Secret readUrl(StagingArea area, String blobName, Duration validity);

    /** The staging account and container. */
    record StagingArea(String resourceGroup, String accountName, String container) {
    }
}

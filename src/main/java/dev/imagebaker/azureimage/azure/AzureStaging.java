package dev.imagebaker.azureimage.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.util.BinaryData;
import com.azure.resourcemanager.storage.fluent.models.BlobContainerInner;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.azure.resourcemanager.storage.models.HttpProtocol;
import com.azure.resourcemanager.storage.models.Kind;
import com.azure.resourcemanager.storage.models.MinimumTlsVersion;
import com.azure.resourcemanager.storage.models.Permissions;
import com.azure.resourcemanager.storage.models.ServiceSasParameters;
import com.azure.resourcemanager.storage.models.SignedResource;
import com.azure.resourcemanager.storage.models.Sku;
import com.azure.resourcemanager.storage.models.SkuName;
import com.azure.resourcemanager.storage.models.StorageAccountCreateParameters;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.FileStaging;
import dev.imagebaker.azureimage.bake.cloud.ScriptLogs;
import dev.imagebaker.azureimage.config.Secret;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Staging through a storage account in the temporary group: HTTPS only, TLS 1.2, no public blob access. SAS
 * tokens are minted by ARM (listServiceSas), so the account key never reaches the plugin.
 */
final class AzureStaging implements FileStaging {
    private static final String CONTAINER = "files";
    /** Run command output: append blobs the run command handler writes while the script runs. */
    private static final String LOGS = "logs";
    /** Five tries, 1 s apart and doubling: throttling and transient errors of the blob service are retried. */
    private static final RequestRetryOptions RETRIES = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 5,
            (Integer) null, 1000L, 30_000L, null);
    private final ArmClients clients;
    private final HttpClient httpClient;
    private final Map<String, String> blobEndpoints = new HashMap<>();
    /** Accounts whose files container exists; guarded by filesContainer's lock. */
    private final Set<String> filesContainers = new HashSet<>();

    AzureStaging(ArmClients clients, HttpClient httpClient) {
        this.clients = clients;
        this.httpClient = httpClient;
    }

    @Override
    public StagingArea create(String resourceGroup, String location, String accountName, Map<String, String> tags,
                              Duration timeout) {
        StorageAccountInner account = Lro.awaitResource(() -> clients.storage()
                .getStorageAccounts().beginCreate(resourceGroup, accountName, new StorageAccountCreateParameters()
                        .withLocation(location).withTags(tags).withKind(Kind.STORAGE_V2).withSku(new Sku().withName(SkuName.STANDARD_LRS))
                        .withEnableHttpsTrafficOnly(true).withMinimumTlsVersion(MinimumTlsVersion.TLS1_2)
                        .withAllowBlobPublicAccess(false)), timeout, "Creating storage account " + accountName, PollSchedule.STORAGE,
                StorageAccountInner::id, () -> clients.storage().getStorageAccounts()
                        .getByResourceGroup(resourceGroup, accountName));
        // The files container only when something is uploaded: most bakes ship no file and no long script.
        Lro.call(() -> clients.storage().getBlobContainers().create(resourceGroup,
                accountName, LOGS, new BlobContainerInner()));
        String endpoint = account.primaryEndpoints().blob();
        blobEndpoints.put(accountName, endpoint.endsWith("/") ? endpoint : endpoint + "/");
        return new StagingArea(resourceGroup, accountName, CONTAINER);
    }

    private String sas(StagingArea area, String canonical, SignedResource resource, String permissions,
                       Duration validity) {
        return Lro.call(() -> clients.storage().getStorageAccounts().listServiceSas(
                area.resourceGroup(), area.accountName(), new ServiceSasParameters()
                        .withCanonicalizedResource(canonical).withResource(resource)
                        .withPermissions(Permissions.fromString(permissions)).withProtocols(HttpProtocol.HTTPS)
                        .withSharedAccessExpiryTime(OffsetDateTime.now(ZoneOffset.UTC).plus(validity)))
                .serviceSasToken());
    }

    /** Creates the area's files container on its first upload. */
    private synchronized void filesContainer(StagingArea area) {
        if (!filesContainers.contains(area.accountName())) {
            Lro.call(() -> clients.storage().getBlobContainers().create(area.resourceGroup(),
                    area.accountName(), area.container(), new BlobContainerInner()));
            filesContainers.add(area.accountName());
        }
    }

    private String blobUrl(StagingArea area, String blobName) {
        return blobEndpoints.get(area.accountName()) + area.container() + "/" + blobName;
    }

    @Override
    public void upload(StagingArea area, String blobName, Path file) {
        filesContainer(area);
        String token = sas(area, "/blob/" + area.accountName() + "/" + area.container(), SignedResource.C, "cw",
                Duration.ofHours(2));
        BlobClient blob = new BlobClientBuilder().endpoint(blobUrl(area, blobName)).sasToken(token)
                .httpClient(httpClient).retryOptions(RETRIES).buildClient();
        try {
            blob.uploadFromFile(file.toString(), true);
        } catch (BlobStorageException e) {
            throw new CloudException(e.getErrorCode() == null ? "BlobStorage" : e.getErrorCode().toString(),
                    e.getStatusCode(), "Uploading " + file.getFileName() + " failed: " + e.getServiceMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CloudException("UploadFailed", 0, "Uploading " + file.getFileName() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void uploadText(StagingArea area, String blobName, String text) {
        filesContainer(area);
        String token = sas(area, "/blob/" + area.accountName() + "/" + area.container(), SignedResource.C, "cw",
                Duration.ofHours(2));
        BlobClient blob = new BlobClientBuilder().endpoint(blobUrl(area, blobName)).sasToken(token)
                .httpClient(httpClient).retryOptions(RETRIES).buildClient();
        try {
            blob.upload(BinaryData.fromString(text), true);
        } catch (BlobStorageException e) {
            throw new CloudException(e.getErrorCode() == null ? "BlobStorage" : e.getErrorCode().toString(),
                    e.getStatusCode(), "Uploading " + blobName + " failed: " + e.getServiceMessage(), e);
        }
    }

    /** The handler needs read, add, create and write on each blob (azure-compute-docs linux/run-command-managed.md). */
    @Override
    public ScriptLogs logs(StagingArea area, String runName, Duration validity) {
        return new ScriptLogs(logUrl(area, runName + ".out", validity), logUrl(area, runName + ".err", validity));
    }

    private Secret logUrl(StagingArea area, String blobName, Duration validity) {
        String token = sas(area, "/blob/" + area.accountName() + "/" + LOGS + "/" + blobName, SignedResource.B, "racw",
                validity);
        return new Secret(blobEndpoints.get(area.accountName()) + LOGS + "/" + blobName + "?" + token);
    }

    @Override
    public Secret readUrl(StagingArea area, String blobName, Duration validity) {
        String token = sas(area, "/blob/" + area.accountName() + "/" + area.container() + "/" + blobName,
                SignedResource.B, "r", validity);
        return new Secret(blobUrl(area, blobName) + "?" + token);
    }
}

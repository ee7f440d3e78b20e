package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.util.BinaryData;
import com.azure.resourcemanager.storage.fluent.models.BlobContainerInner;
import com.azure.resourcemanager.storage.models.HttpProtocol;
import com.azure.resourcemanager.storage.models.Kind;
import com.azure.resourcemanager.storage.models.Permissions;
import com.azure.resourcemanager.storage.models.ServiceSasParameters;
import com.azure.resourcemanager.storage.models.SignedResource;
import com.azure.resourcemanager.storage.models.Sku;
import com.azure.resourcemanager.storage.models.SkuName;
import com.azure.resourcemanager.storage.models.StorageAccountCreateParameters;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlobType;
import com.azure.storage.blob.specialized.AppendBlobClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Append blobs as Azure's Blob REST API defines them, driven by the Azure Storage SDK for Java (azure-storage-blob
 * 12.35.0). Sources: learn.microsoft.com/rest/api/storageservices/put-blob ("x-ms-blob-type: AppendBlob", content
 * length 0), .../append-block (201, x-ms-blob-append-offset, x-ms-blob-committed-block-count; "permitted only if
 * the blob was created with x-ms-blob-type set to AppendBlob"; SAS permission add or write), .../get-blob and
 * .../specifying-the-range-header-for-blob-service-operations (206 with Content-Range, 416 InvalidRange).
 */
class AppendBlobTest extends EmulatorFixture {
    private String blobEndpoint;

    @BeforeEach
    void account() {
        azure.resourceManager().resourceGroups().define("rg").withRegion(Region.EUROPE_WEST).create();
        blobEndpoint = azure.storageManager().serviceClient().getStorageAccounts().create("rg", "azimglogs01",
                new StorageAccountCreateParameters().withLocation("westeurope").withKind(Kind.STORAGE_V2)
                        .withSku(new Sku().withName(SkuName.STANDARD_LRS))).primaryEndpoints().blob();
        azure.storageManager().serviceClient().getBlobContainers().create("rg", "azimglogs01", "logs",
                new BlobContainerInner());
    }

    private String sas(String permissions) {
        return azure.storageManager().serviceClient().getStorageAccounts().listServiceSas("rg", "azimglogs01",
                new ServiceSasParameters().withCanonicalizedResource("/blob/azimglogs01/logs")
                        .withResource(SignedResource.C).withPermissions(Permissions.fromString(permissions))
                        .withProtocols(HttpProtocol.HTTPS).withSharedAccessExpiryTime(OffsetDateTime.now().plusHours(1)))
                .serviceSasToken();
    }

    private BlobClient blob(String name, String sas) {
        return new BlobClientBuilder().endpoint(blobEndpoint + "logs/" + name).sasToken(sas)
                .httpClient(connection.httpClient()).buildClient();
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appendBlocksAreCommittedAtTheEndAndReadByRange() {
        String sas = sas("racw");
        AppendBlobClient log = blob("run.log", sas).getAppendBlobClient();
        log.create();
        assertThat(log.appendBlock(bytes("first line\n"), 11).getBlobAppendOffset()).isEqualTo("0");
        var second = log.appendBlock(bytes("second\n"), 7);
        assertThat(second.getBlobAppendOffset()).isEqualTo("11");
        assertThat(second.getBlobCommittedBlockCount()).isEqualTo(2);

        BlobClient reader = blob("run.log", sas("r"));
        assertThat(reader.getProperties().getBlobType()).isEqualTo(BlobType.APPEND_BLOB);
        assertThat(reader.getProperties().getBlobSize()).isEqualTo(18);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        var response = reader.downloadStreamWithResponse(tail, new BlobRange(11), null, null, false, null,
                com.azure.core.util.Context.NONE);
        assertThat(response.getStatusCode()).isEqualTo(206);
        assertThat(response.getDeserializedHeaders().getContentRange()).isEqualTo("bytes 11-17/18");
        assertThat(tail.toString(StandardCharsets.UTF_8)).isEqualTo("second\n");
        assertThatThrownBy(() -> reader.downloadStreamWithResponse(new ByteArrayOutputStream(), new BlobRange(18),
                null, null, false, null, com.azure.core.util.Context.NONE))
                .isInstanceOf(BlobStorageException.class).hasMessageContaining("InvalidRange");
    }

    @Test
    void appendBlockNeedsAnAppendBlobAndAddOrWritePermission() {
        blob("block.txt", sas("cw")).upload(BinaryData.fromString("a block blob"), true);
        AppendBlobClient notAppend = blob("block.txt", sas("racw")).getAppendBlobClient();
        assertThatThrownBy(() -> notAppend.appendBlock(bytes("x"), 1)).isInstanceOf(BlobStorageException.class)
                .hasMessageContaining("InvalidBlobType");

        blob("only-add.log", sas("c")).getAppendBlobClient().create();
        assertThat(blob("only-add.log", sas("a")).getAppendBlobClient().appendBlock(bytes("ok"), 2)
                .getBlobCommittedBlockCount()).isEqualTo(1);
        assertThatThrownBy(() -> blob("only-add.log", sas("rc")).getAppendBlobClient().appendBlock(bytes("no"), 2))
                .isInstanceOf(BlobStorageException.class).hasMessageContaining("AuthorizationPermissionMismatch");
    }

    @Test
    void createReplacesAnExistingBlobWithAnEmptyAppendBlob() {
        blob("out.log", sas("cw")).upload(BinaryData.fromString("old content"), true);
        blob("out.log", sas("cw")).getAppendBlobClient().create(true);
        var properties = blob("out.log", sas("r")).getProperties();
        assertThat(properties.getBlobType()).isEqualTo(BlobType.APPEND_BLOB);
        assertThat(properties.getBlobSize()).isZero();
    }
}

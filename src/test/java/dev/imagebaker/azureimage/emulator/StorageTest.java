package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.util.BinaryData;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.compute.models.RunCommandInputParameter;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandScriptSource;
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
import com.azure.storage.blob.models.BlobStorageException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Storage accounts, ARM-minted SAS tokens, the blob service and the emulated guest's downloads. */
class StorageTest extends EmulatorFixture {
    String blobEndpoint;

    @BeforeEach
    void account() {
        azure.resourceManager().resourceGroups().define("rg").withRegion(Region.EUROPE_WEST).create();
        var account = azure.storageManager().serviceClient().getStorageAccounts().create("rg", "azimgtest01",
                new StorageAccountCreateParameters().withLocation("westeurope").withKind(Kind.STORAGE_V2)
                        .withSku(new Sku().withName(SkuName.STANDARD_LRS)));
        blobEndpoint = account.primaryEndpoints().blob();
        azure.storageManager().serviceClient().getBlobContainers().create("rg", "azimgtest01", "files",
                new BlobContainerInner());
    }

    private String sas(String canonical, SignedResource resource, String permissions, OffsetDateTime expiry) {
        return azure.storageManager().serviceClient().getStorageAccounts().listServiceSas("rg", "azimgtest01",
                new ServiceSasParameters().withCanonicalizedResource(canonical).withResource(resource)
                        .withPermissions(Permissions.fromString(permissions)).withProtocols(HttpProtocol.HTTPS)
                        .withSharedAccessExpiryTime(expiry)).serviceSasToken();
    }

    private BlobClient blob(String name, String sas) {
        return new BlobClientBuilder().endpoint(blobEndpoint + "files/" + name).sasToken(sas)
                .httpClient(connection.httpClient()).buildClient();
    }

    @Test
    void accountNamesAreValidatedAndGloballyUnique() {
        assertArmError(() -> azure.storageManager().serviceClient().getStorageAccounts().create("rg", "Bad-Name",
                new StorageAccountCreateParameters().withLocation("westeurope").withKind(Kind.STORAGE_V2)
                        .withSku(new Sku().withName(SkuName.STANDARD_LRS))), "AccountNameInvalid");
        azure.resourceManager().resourceGroups().define("other").withRegion(Region.EUROPE_WEST).create();
        assertArmError(() -> azure.storageManager().serviceClient().getStorageAccounts().create("other",
                "azimgtest01", new StorageAccountCreateParameters().withLocation("westeurope")
                        .withKind(Kind.STORAGE_V2).withSku(new Sku().withName(SkuName.STANDARD_LRS))),
                "StorageAccountAlreadyTaken");
    }

    @Test
    void uploadsWithAWriteSasAndReadsWithAReadSasInBlocksToo() {
        String write = sas("/blob/azimgtest01/files", SignedResource.C, "cw", OffsetDateTime.now().plusHours(1));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        blob("big.bin", write).upload(BinaryData.fromBytes(big), true);
        // Forces Put Block and Put Block List.
        blob("blocks.bin", write).uploadWithResponse(new com.azure.storage.blob.options.BlobParallelUploadOptions(
                BinaryData.fromBytes(big)).setParallelTransferOptions(new com.azure.storage.blob.models
                .ParallelTransferOptions().setBlockSizeLong(1024L * 1024).setMaxSingleUploadSizeLong(1024L * 1024)),
                null, com.azure.core.util.Context.NONE);
        String read = sas("/blob/azimgtest01/files/blocks.bin", SignedResource.B, "r",
                OffsetDateTime.now().plusHours(1));
        assertThat(blob("blocks.bin", read).downloadContent().toBytes()).isEqualTo(big);
        assertThatThrownBy(() -> blob("big.bin", read).downloadContent()).isInstanceOf(BlobStorageException.class)
                .hasMessageContaining("AuthenticationFailed");
    }

    @Test
    void sasTokensAreCheckedAsAzureChecksThem() {
        String write = sas("/blob/azimgtest01/files", SignedResource.C, "cw", OffsetDateTime.now().plusHours(1));
        blob("a.txt", write).upload(BinaryData.fromString("a"), true);
        String readOnly = sas("/blob/azimgtest01/files", SignedResource.C, "r", OffsetDateTime.now().plusHours(1));
        assertThatThrownBy(() -> blob("b.txt", readOnly).upload(BinaryData.fromString("b"), true))
                .isInstanceOf(BlobStorageException.class).hasMessageContaining("AuthorizationPermissionMismatch");
        String tampered = readOnly.replace("sp=r", "sp=rw");
        assertThatThrownBy(() -> blob("b.txt", tampered).upload(BinaryData.fromString("b"), true))
                .isInstanceOf(BlobStorageException.class).hasMessageContaining("AuthenticationFailed");
        String expired = sas("/blob/azimgtest01/files", SignedResource.C, "r", OffsetDateTime.now().minusMinutes(1));
        assertThatThrownBy(() -> blob("a.txt", expired).downloadContent()).isInstanceOf(BlobStorageException.class)
                .hasMessageContaining("AuthenticationFailed");
    }

    @Test
    void theEmulatedGuestDownloadsAndChecksTheSha256() {
        String write = sas("/blob/azimgtest01/files", SignedResource.C, "cw", OffsetDateTime.now().plusHours(1));
        blob("app.jar", write).upload(BinaryData.fromString("jar content"), true);
        String url = blobEndpoint + "files/app.jar?" + sas("/blob/azimgtest01/files/app.jar", SignedResource.B, "r",
                OffsetDateTime.now().plusHours(1));
        String sha = "1ca10e7ff5c3b37a1b3a0ae6c0bc9f50bbd7f5b4a30e2f7cc0a8c1f3d3b1c7a0";
        azure.virtualMachines().define("vm").withRegion(Region.EUROPE_WEST).withExistingResourceGroup("rg")
                .withNewPrimaryNetwork("10.0.0.0/28").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress().withLatestLinuxImage("Canonical", "ubuntu-24_04-lts", "server")
                .withRootUsername("azureuser").withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create();
        assertThat(install(url, sha).exitCode()).isEqualTo(1);
        String rightSha = sha256("jar content");
        assertThat(install(url, rightSha).exitCode()).isZero();
        assertThat(install(url.replace("sig=", "sig=x"), rightSha).exitCode()).isEqualTo(22);
    }

    private com.azure.resourcemanager.compute.models.VirtualMachineRunCommandInstanceView install(String url,
                                                                                                  String sha) {
        azure.serviceClient().getVirtualMachineRunCommands().createOrUpdate("rg", "vm", "install",
                new VirtualMachineRunCommandInner().withLocation("westeurope")
                        .withSource(new VirtualMachineRunCommandScriptSource().withScript("fetch"))
                        .withParameters(List.of(new RunCommandInputParameter().withName("FILE_1_SHA256").withValue(sha)))
                        .withProtectedParameters(List.of(new RunCommandInputParameter().withName("FILE_1_URL")
                                .withValue(url))));
        return azure.serviceClient().getVirtualMachineRunCommands().getByVirtualMachineWithResponse("rg", "vm",
                "install", "instanceView", com.azure.core.util.Context.NONE).getValue().instanceView();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.imagebaker.azureimage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.ComputeManager;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain GETs a no-op rebake makes must speak as the SDK's generated clients do: the same api-versions (so that
 * an SDK upgrade that moves them shows here), and Azure's errors kept with their status and code.
 */
class ArmReadsTest {
    private final List<String> urls = new CopyOnWriteArrayList<>();
    private ArmEmulator emulator;
    private ArmConnection.Connected connection;

    @BeforeEach
    void start() throws Exception {
        emulator = ArmEmulator.builder().timeScale(0).start();
        HttpPipelinePolicy recorder = (context, next) -> {
            urls.add(context.getHttpRequest().getUrl().toString());
            return next.process();
        };
        connection = ArmConnection.emulator(emulator.endpoint(), emulator.certificatePem(), ArmEmulator.TENANT,
                ArmEmulator.DEFAULT_SUBSCRIPTION, List.of(recorder));
    }

    @AfterEach
    void stop() {
        connection.close();
        emulator.close();
    }

    private String apiVersionOfLast() {
        String url = urls.get(urls.size() - 1);
        return url.replaceAll(".*[?&]api-version=([^&]+).*", "$1");
    }

    @Test
    void theApiVersionsAreTheSdkClientsOwn() {
        ComputeManager sdk = connection.compute();
        sdk.serviceClient().getVirtualMachineImages().list("westeurope", "Canonical", "ubuntu-24_04-lts", "server");
        assertThat(apiVersionOfLast()).isEqualTo(ArmReads.COMPUTE_API);
        assertThatThrownBy(() -> sdk.serviceClient().getGalleryImageVersions().get("rg", "g", "d", "1.0.0"))
                .isInstanceOf(ManagementException.class);
        assertThat(apiVersionOfLast()).isEqualTo(ArmReads.GALLERY_API);
    }

    @Test
    void aMissingVersionIsEmptyAndAMissingImageKeepsAzuresStatusAndCode() {
        AzureGalleries galleries = new AzureGalleries(connection.clients());
        assertThat(galleries.version(GalleryImageVersionId.parse("/subscriptions/" + ArmEmulator.DEFAULT_SUBSCRIPTION
                + "/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0"))).isEmpty();
        AzureMarketplace marketplace = new AzureMarketplace(connection.clients());
        assertThat(marketplace.versions("westeurope", "Canonical", "ubuntu-24_04-lts", "server")).isNotEmpty();
        assertThatThrownBy(() -> marketplace.facts("westeurope", "Canonical", "ubuntu-24_04-lts", "server", "1.2.3"))
                .isInstanceOf(CloudException.class).satisfies(e -> {
                    assertThat(((CloudException) e).status()).isEqualTo(404);
                    assertThat(((CloudException) e).code()).isNotBlank();
                }).hasMessageContaining("Reading marketplace image Canonical:ubuntu-24_04-lts:server:1.2.3 failed");
        assertThat(urls).allMatch(u -> u.contains("api-version="));
    }
}

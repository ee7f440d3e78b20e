package dev.imagebaker.azureimage.azure;

import com.azure.resourcemanager.resources.fluentcore.utils.ResourceDelayProvider;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.config.Access;
import dev.imagebaker.azureimage.config.ProxySettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A connection to Azure, or to the emulator, as the bake's {@link Cloud}. For the emulator the SDK's polling
 * delays are scaled by the emulator's time scale (the SDK's delay provider is global: it is restored on close).
 */
public final class AzureSession implements AutoCloseable {
    private static final Duration MIN_DELAY = Duration.ofMillis(20);
    private final Cloud cloud;
    private final RequestCounter counter;
    private final ArmConnection.Connected connection;
    private final boolean emulator;

    private AzureSession(ArmConnection.Connected connection, RequestCounter counter, boolean emulator) {
        ArmClients clients = connection.clients();
        this.cloud = new Cloud(new AzureMarketplace(clients), new AzureResourceGroups(clients),
                new AzureBuildVms(clients, connection.httpClient()), new AzureGalleries(clients),
                new AzureStaging(clients, connection.httpClient()), new AzureNetworks(clients),
                new AzureCatalog(clients), ResourceManagerUtils::sleep);
        this.connection = connection;
        this.counter = counter;
        this.emulator = emulator;
    }

    /** Azure: the configured cloud, signed in with the configured method, through the proxy (null: HTTPS_PROXY). */
    public static AzureSession azure(Access access, String tenantId, String subscriptionId, ProxySettings proxy) {
        RequestCounter counter = new RequestCounter();
        try {
            return new AzureSession(ArmConnection.azure(access.auth(), access.cloud(), tenantId, subscriptionId, proxy,
                    List.of(counter)), counter, false);
        } catch (SignIn.SignInException e) {
            throw new CloudException("SignInFailed", 401, e.getMessage(), e);
        }
    }

    /** The emulator at endpoint; Azure's polling delays times timeScale. */
    public static AzureSession emulator(URI endpoint, String certificatePem, String tenantId, String subscriptionId,
                                        double timeScale) {
        return emulator(endpoint, certificatePem, tenantId, subscriptionId, timeScale, null);
    }

    /** The emulator through a proxy (a test of the proxy path; null: direct). */
    public static AzureSession emulator(URI endpoint, String certificatePem, String tenantId, String subscriptionId,
                                        double timeScale, ProxySettings proxy) {
        RequestCounter counter = new RequestCounter();
        ArmConnection.Connected connection = ArmConnection.emulator(endpoint, certificatePem, tenantId,
                subscriptionId, proxy, List.of(counter));
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(delay -> {
            Duration scaled = Duration.ofMillis(Math.round(delay.toMillis() * timeScale));
            return scaled.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : scaled;
        });
        return new AzureSession(connection, counter, true);
    }

    public Cloud cloud() {
        return cloud;
    }

    /** HTTP requests sent to ARM so far, retries and polls included. */
    public int requestCount() {
        return counter.count();
    }

    @Override
    public void close() {
        connection.close();
        if (emulator) {
            ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(new ResourceDelayProvider());
        }
    }
}

package dev.imagebaker.azureimage.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.ProxyOptions;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Configuration;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import dev.imagebaker.azureimage.config.AuthSettings;
import dev.imagebaker.azureimage.config.CloudSettings;
import dev.imagebaker.azureimage.config.ProxySettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;

/**
 * Builds the SDK clients the plugin works with ({@link ArmClients}). Azure and the emulator get the same pipeline
 * (retry on 408/429/5xx honouring Retry-After, bearer authentication); they differ only in the endpoint, the
 * credential, and the certificate the HTTP client trusts.
 */
public final class ArmConnection {
    private ArmConnection() {
    }

    /**
     * The SDK's clients and the network resources behind them. Closing disposes them: the SDK's shared event loops
     * would otherwise outlive the goal and its class realm.
     */
    public record Connected(ArmClients clients, HttpClient httpClient, AutoCloseable resources)
            implements AutoCloseable {
        /** The SDK's fluent entry point on the same pipeline (all its clients at once), for tests. */
        public ComputeManager compute() {
            return ComputeManager.authenticate(clients.pipeline(), clients.profile());
        }

        @Override
        public void close() {
            try {
                resources.close();
            } catch (Exception e) {
                // Disposal is best effort; nothing is left in Azure by it.
            }
        }
    }

    /**
     * A connection to an Azure cloud: signed in with the configured method (tried once here, so that a failure is
     * one clear message before anything starts), through the proxy (Maven's, or HTTPS_PROXY when null).
     */
    public static Connected azure(AuthSettings auth, CloudSettings cloud, String tenantId, String subscriptionId,
                                  ProxySettings proxy, List<HttpPipelinePolicy> policies) {
        AzureProfile profile = new AzureProfile(tenantId, subscriptionId, environment(cloud));
        NettyResources netty = new NettyResources();
        HttpClient client = new NettyAsyncHttpClientBuilder(netty.client()).proxy(proxyOptions(proxy)).build();
        try {
            TokenCredential credential = SignIn.credential(auth, cloud, tenantId, client, System::getenv);
            SignIn.check(credential, cloud, tenantId);
            HttpPipeline pipeline = pipeline(credential, profile, policies, client);
            return new Connected(new ArmClients(pipeline, profile), client, netty);
        } catch (RuntimeException e) {
            netty.close();
            throw e;
        }
    }

    /** The SDK's environment for a cloud: its own for the known ones, Azure's with the custom endpoints otherwise. */
    static AzureEnvironment environment(CloudSettings cloud) {
        if (cloud.equals(CloudSettings.AZURE)) {
            return AzureEnvironment.AZURE;
        }
        if (cloud.equals(CloudSettings.US_GOVERNMENT)) {
            return AzureEnvironment.AZURE_US_GOVERNMENT;
        }
        if (cloud.equals(CloudSettings.CHINA)) {
            return AzureEnvironment.AZURE_CHINA;
        }
        // A map with only the resource manager endpoint fails inside AuthorizationManager: copy Azure's and override.
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", cloud.resourceManager().toString());
        endpoints.put("managementEndpointUrl", cloud.audience());
        endpoints.put("activeDirectoryEndpointUrl", cloud.authorityHost().toString());
        return new AzureEnvironment(endpoints);
    }

    /** Maven's proxy; without one, HTTPS_PROXY / NO_PROXY and the JVM's proxy properties, as the SDK reads them. */
    static ProxyOptions proxyOptions(ProxySettings proxy) {
        if (proxy == null) {
            return ProxyOptions.fromConfiguration(Configuration.getGlobalConfiguration());
        }
        ProxyOptions options = new ProxyOptions(ProxyOptions.Type.HTTP, new InetSocketAddress(proxy.host(),
                proxy.port()));
        if (proxy.username() != null) {
            options.setCredentials(proxy.username(), proxy.password() == null ? "" : proxy.password().reveal());
        }
        if (proxy.nonProxyHosts() != null && !proxy.nonProxyHosts().isBlank()) {
            options.setNonProxyHosts(proxy.nonProxyHosts());
        }
        return options;
    }

    /**
     * A connection to the ARM emulator: just a custom cloud at its endpoint, trusting its certificate (PEM), with a
     * fixed token (the emulator accepts any), through a proxy only when one is given (the emulator is on loopback,
     * which HTTPS_PROXY should not catch).
     */
    public static Connected emulator(URI endpoint, String certificatePem, String tenantId, String subscriptionId,
                                     ProxySettings proxy, List<HttpPipelinePolicy> policies) {
        CloudSettings cloud = CloudSettings.custom(endpoint, endpoint.resolve("/adfs/"), endpoint.toString());
        AzureProfile profile = new AzureProfile(tenantId, subscriptionId, environment(cloud));
        NettyResources netty = new NettyResources();
        HttpClient client = trusting(netty, certificatePem, proxy);
        HttpPipeline pipeline = pipeline(emulatorCredential(), profile, policies, client);
        return new Connected(new ArmClients(pipeline, profile), client, netty);
    }

    public static Connected emulator(URI endpoint, String certificatePem, String tenantId, String subscriptionId,
                                     List<HttpPipelinePolicy> policies) {
        return emulator(endpoint, certificatePem, tenantId, subscriptionId, null, policies);
    }

    /** The emulator accepts any bearer token; this one is never sent anywhere else. */
    private static TokenCredential emulatorCredential() {
        return request -> Mono.just(new AccessToken("azure-image-emulator",
                OffsetDateTime.now().plus(1, ChronoUnit.HOURS)));
    }

    private static HttpPipeline pipeline(TokenCredential credential, AzureProfile profile,
                                         List<HttpPipelinePolicy> policies, HttpClient httpClient) {
        return HttpPipelineProvider.buildHttpPipeline(credential, profile, null,
                new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE), Configuration.getGlobalConfiguration(),
                new RetryPolicy("Retry-After", ChronoUnit.SECONDS), policies, httpClient);
    }

    static HttpClient trusting(NettyResources netty, String certificatePem, ProxySettings proxy) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            SslContext ssl = SslContextBuilder.forClient().trustManager(certificate).build();
            NettyAsyncHttpClientBuilder builder = new NettyAsyncHttpClientBuilder(netty.client()
                    .secure(spec -> spec.sslContext(ssl)));
            return (proxy == null ? builder : builder.proxy(proxyOptions(proxy))).build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("cannot trust the emulator's certificate", e);
        }
    }
}

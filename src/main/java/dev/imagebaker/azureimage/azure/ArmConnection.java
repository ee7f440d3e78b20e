package dev.imagebaker.azureimage.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
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
 * Builds the {@link ComputeManager} the plugin works with. Azure and the emulator get the same pipeline
 * (retry on 408/429/5xx honouring Retry-After, bearer authentication); they differ only in the endpoint, the
 * credential, and the certificate the HTTP client trusts.
 */
public final class ArmConnection {
    private ArmConnection() {
    }

    /**
     * The SDK client and the network resources behind it. Closing disposes them: the SDK's shared event loops
     * would otherwise outlive the goal and its class realm.
     */
    public record Connected(ComputeManager compute, HttpClient httpClient, AutoCloseable resources)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                resources.close();
            } catch (Exception e) {
                // Disposal is best effort; nothing is left in Azure by it.
            }
        }
    }

    /** A connection to Azure with the given credential (e.g. DefaultAzureCredential). */
    public static Connected azure(TokenCredential credential, String tenantId, String subscriptionId,
                                  List<HttpPipelinePolicy> policies) {
        AzureProfile profile = new AzureProfile(tenantId, subscriptionId, AzureEnvironment.AZURE);
        NettyResources netty = new NettyResources();
        HttpClient client = new NettyAsyncHttpClientBuilder(netty.client()).build();
        HttpPipeline pipeline = pipeline(credential, profile, policies, client);
        return new Connected(ComputeManager.authenticate(pipeline, profile), client, netty);
    }

    /** A connection to the ARM emulator at endpoint, trusting its certificate (PEM), with a fixed token. */
    public static Connected emulator(URI endpoint, String certificatePem, String tenantId, String subscriptionId,
                                     List<HttpPipelinePolicy> policies) {
        // A map with only the resource manager endpoint fails inside AuthorizationManager: copy Azure's and override.
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", endpoint.toString());
        endpoints.put("managementEndpointUrl", endpoint.toString());
        AzureProfile profile = new AzureProfile(tenantId, subscriptionId, new AzureEnvironment(endpoints));
        NettyResources netty = new NettyResources();
        HttpClient client = trusting(netty, certificatePem);
        HttpPipeline pipeline = pipeline(emulatorCredential(), profile, policies, client);
        return new Connected(ComputeManager.authenticate(pipeline, profile), client, netty);
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

    private static HttpClient trusting(NettyResources netty, String certificatePem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            SslContext ssl = SslContextBuilder.forClient().trustManager(certificate).build();
            return new NettyAsyncHttpClientBuilder(netty.client().secure(spec -> spec.sslContext(ssl))).build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("cannot trust the emulator's certificate", e);
        }
    }
}

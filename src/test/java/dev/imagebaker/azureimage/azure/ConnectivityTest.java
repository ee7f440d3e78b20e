package dev.imagebaker.azureimage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.sun.net.httpserver.HttpServer;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.TestConfigs;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.config.ProxySettings;
import dev.imagebaker.azureimage.config.Secret;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where users build from: behind a proxy, and in GitHub Actions with tokens that must be fresh. */
class ConnectivityTest {
    @TempDir
    Path dir;

    /** Every ARM and blob request of a bake goes through Maven's proxy, which is given its credentials. */
    @Test
    void aBakeGoesThroughTheProxy() throws Exception {
        TestConfigs.project(dir, "10-packages.sh");
        try (ConnectProxy proxy = new ConnectProxy();
             ArmEmulator emulator = ArmEmulator.builder().start();
             AzureSession session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(),
                     ArmEmulator.TENANT, ArmEmulator.DEFAULT_SUBSCRIPTION, 0, new ProxySettings("127.0.0.1",
                             proxy.port(), "builder", new Secret("proxy-pass"), null))) {
            BakeResult result = new Baker(session.cloud(), new RecordingProgress(), Duration.ofSeconds(30))
                    .bake(TestConfigs.config(dir, TestConfigs.values(), "1.4.2"));
            assertThat(result.version().succeeded()).isTrue();
            assertThat(proxy.tunnels).isNotEmpty().allMatch(t -> t.equals("127.0.0.1:" + emulator.port()));
            assertThat(proxy.authorizations).isNotEmpty().allMatch(a -> a.equals("Basic " + java.util.Base64
                    .getEncoder().encodeToString("builder:proxy-pass".getBytes(StandardCharsets.UTF_8))));
        }
    }

    /**
     * github_oidc asks the Actions token endpoint for a fresh token every time Entra ID needs an assertion, so a
     * long bake never presents an expired one (AADSTS700024). The emulator's /adfs token endpoint stands for Entra.
     */
    @Test
    void githubOidcFetchesAFreshTokenForEveryNewAccessToken() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer actions = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        actions.createContext("/token", exchange -> {
            requests.add(exchange.getRequestURI().getQuery() + " " + exchange.getRequestHeaders()
                    .getFirst("Authorization"));
            byte[] body = ("{\"value\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiJyZXBvOmNvbnRvc28vb3JkZXJzIn0.#"
                    + requests.size() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        actions.start();
        try (ArmEmulator emulator = ArmEmulator.builder().start(); NettyResources netty = new NettyResources()) {
            Map<String, String> env = Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:"
                    + actions.getAddress().getPort() + "/token?api-version=2.0", "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                    "runner-token");
            HttpClient http = ArmConnection.trusting(netty, emulator.certificatePem(), null);
            var credential = new ClientAssertionCredentialBuilder().clientId("8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b")
                    .tenantId("adfs").authorityHost(emulator.endpoint().toString()).disableInstanceDiscovery()
                    .httpClient(http).clientAssertion(new GitHubOidcToken(http, env::get)::get).build();
            credential.getTokenSync(new TokenRequestContext().addScopes(emulator.endpoint() + ".default"));
            int first = requests.size();
            credential.getTokenSync(new TokenRequestContext().addScopes(emulator.endpoint() + "other/.default"));
            assertThat(first).isPositive();
            assertThat(requests).as("a new access token, a new assertion").hasSizeGreaterThan(first)
                    .allMatch(r -> r.contains("audience=api://AzureADTokenExchange")
                    && r.endsWith("Bearer runner-token"));
        } finally {
            actions.stop(0);
        }
    }
}

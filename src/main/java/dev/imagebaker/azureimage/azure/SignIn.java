package dev.imagebaker.azureimage.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.AzurePipelinesCredentialBuilder;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import dev.imagebaker.azureimage.config.AuthSettings;
import dev.imagebaker.azureimage.config.CloudSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The credential for the configured sign-in method, for the configured cloud, through the goal's HTTP client (so
 * through its proxy). Sign-in is tried once up front, so that a failure is one clear message before anything starts:
 * which methods were tried, why each failed (one line each), and the usual fixes.
 */
final class SignIn {
    private SignIn() {
    }

    /** A failed sign-in: the methods tried and why each failed. */
    static final class SignInException extends RuntimeException {
        SignInException(String message) {
            super(message);
        }
    }

    static TokenCredential credential(AuthSettings auth, CloudSettings cloud, String tenantId, HttpClient http,
                                      Function<String, String> environment) {
        String authority = cloud.authorityHost().toString();
        return switch (auth.type()) {
            case AUTO -> new ReportingChain(chain(auth, authority, tenantId, http));
            case AZURE_CLI -> named("Azure CLI", new AzureCliCredentialBuilder().tenantId(tenantId).build());
            case MANAGED_IDENTITY -> named("managed identity", new ManagedIdentityCredentialBuilder()
                    .clientId(auth.clientId()).httpClient(http).build());
            case SERVICE_PRINCIPAL -> named("service principal", servicePrincipal(auth, authority, tenantId, http,
                    environment));
            case WORKLOAD_IDENTITY -> named("workload identity", new WorkloadIdentityCredentialBuilder()
                    .clientId(auth.clientId()).tenantId(tenantId).authorityHost(authority).httpClient(http).build());
            case GITHUB_OIDC -> named("GitHub Actions OIDC", new ClientAssertionCredentialBuilder()
                    .clientId(auth.clientId()).tenantId(tenantId).authorityHost(authority).httpClient(http)
                    // Asked whenever Entra ID needs a new assertion: a fresh token, so long bakes never meet an
                    // expired one (AADSTS700024).
                    .clientAssertion(new GitHubOidcToken(http, environment)::get).build());
            case AZURE_PIPELINES -> named("Azure Pipelines service connection", new AzurePipelinesCredentialBuilder()
                    .clientId(auth.clientId()).tenantId(tenantId).serviceConnectionId(auth.serviceConnectionId())
                    .systemAccessToken(environment.apply("SYSTEM_ACCESSTOKEN")).authorityHost(authority)
                    .httpClient(http).build());
        };
    }

    private static TokenCredential servicePrincipal(AuthSettings auth, String authority, String tenantId,
                                                    HttpClient http, Function<String, String> environment) {
        if (auth.certificate() != null) {
            ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder().clientId(auth.clientId())
                    .tenantId(tenantId).authorityHost(authority).httpClient(http);
            String path = auth.certificate().toString();
            return (path.endsWith(".pem") ? b.pemCertificate(path) : b.pfxCertificate(path)).build();
        }
        String secret = auth.secret() != null ? auth.secret().reveal() : environment.apply("AZURE_CLIENT_SECRET");
        return new ClientSecretCredentialBuilder().clientId(auth.clientId()).tenantId(tenantId).clientSecret(secret)
                .authorityHost(authority).httpClient(http).build();
    }

    /** The usual chain, as DefaultAzureCredential has it, each named for the report. */
    private static Map<String, TokenCredential> chain(AuthSettings auth, String authority, String tenantId,
                                                      HttpClient http) {
        Map<String, TokenCredential> chain = new LinkedHashMap<>();
        chain.put("environment (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_CLIENT_SECRET or certificate)",
                new EnvironmentCredentialBuilder().authorityHost(authority).httpClient(http).build());
        chain.put("workload identity (AZURE_FEDERATED_TOKEN_FILE)", new WorkloadIdentityCredentialBuilder()
                .clientId(auth.clientId()).tenantId(tenantId).authorityHost(authority).httpClient(http).build());
        chain.put("managed identity", new ManagedIdentityCredentialBuilder().clientId(auth.clientId())
                .httpClient(http).build());
        chain.put("Azure CLI (az login)", new AzureCliCredentialBuilder().tenantId(tenantId).build());
        return chain;
    }

    private static TokenCredential named(String name, TokenCredential credential) {
        return new ReportingChain(Map.of(name, credential));
    }

    /** Gets a first token, or throws the report of every method tried. */
    static AccessToken check(TokenCredential credential, CloudSettings cloud, String tenantId) {
        TokenRequestContext context = new TokenRequestContext().addScopes(scope(cloud));
        if (tenantId != null) {
            context.setTenantId(tenantId);
        }
        return credential.getTokenSync(context);
    }

    static String scope(CloudSettings cloud) {
        String audience = cloud.audience();
        return (audience.endsWith("/") ? audience : audience + "/") + ".default";
    }

    /**
     * Tries its credentials in order, keeps the first that works (as ChainedTokenCredential does), and when none
     * does, says why each failed in one line.
     */
    static final class ReportingChain implements TokenCredential {
        private final Map<String, TokenCredential> credentials;
        private volatile TokenCredential winner;

        ReportingChain(Map<String, TokenCredential> credentials) {
            this.credentials = credentials;
        }

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromCallable(() -> getTokenSync(request));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            if (winner != null) {
                return winner.getTokenSync(request);
            }
            List<String> tried = new ArrayList<>();
            for (Map.Entry<String, TokenCredential> c : credentials.entrySet()) {
                try {
                    AccessToken token = c.getValue().getTokenSync(request);
                    if (token != null) {
                        winner = c.getValue();
                        return token;
                    }
                    tried.add(c.getKey() + ": no token");
                } catch (RuntimeException e) {
                    tried.add(c.getKey() + ": " + firstLine(e));
                }
            }
            throw new SignInException("Could not sign in to Microsoft Entra ID. Tried:\n  - " + String.join("\n  - ",
                    tried) + "\nFix: on a workstation, az login (and az account set --subscription ...); in CI,"
                    + " <auth><type>github_oidc</type> or azure_pipelines (workload identity federation, see README,"
                    + " \"Signing in\") or service_principal with a settings.xml server; on an Azure VM or agent,"
                    + " <auth><type>managed_identity</type>. To rehearse without Azure: -Dazure-image.emulator.");
        }

        /** The exception's own first line, without the SDK's links and stack. */
        private static String firstLine(Throwable e) {
            Throwable t = e;
            while (t.getMessage() == null && t.getCause() != null) {
                t = t.getCause();
            }
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            String line = message.strip().split("\\R", 2)[0];
            int link = line.indexOf(" To mitigate this issue");
            return link > 0 ? line.substring(0, link) : line.length() > 240 ? line.substring(0, 240) + "..." : line;
        }
    }
}

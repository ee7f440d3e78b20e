package dev.imagebaker.azureimage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.CredentialUnavailableException;
import dev.imagebaker.azureimage.config.CloudSettings;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Clouds and sign-in: each cloud's endpoints, and a failed sign-in said in a few lines. */
class SignInTest {

    private static TokenCredential failing(String message) {
        return new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                return Mono.error(new CredentialUnavailableException(message));
            }

            @Override
            public AccessToken getTokenSync(TokenRequestContext request) {
                throw new CredentialUnavailableException(message);
            }
        };
    }

    @Test
    void aFailedSignInSaysWhatWasTriedWhyEachFailedAndTheFixesInAFewLines() {
        Map<String, TokenCredential> chain = new LinkedHashMap<>();
        chain.put("environment", failing("EnvironmentCredential authentication unavailable. Environment variables are"
                + " not fully configured.\nTo mitigate this issue, please refer to https://aka.ms/x"));
        chain.put("managed identity", failing("ManagedIdentityCredential authentication unavailable. No Managed"
                + " Identity endpoint found. To mitigate this issue, please refer to the troubleshooting guidelines"));
        chain.put("Azure CLI (az login)", failing("Please run 'az login' to set up account."));
        assertThatThrownBy(() -> SignIn.check(new SignIn.ReportingChain(chain), CloudSettings.AZURE, null))
                .isInstanceOf(SignIn.SignInException.class)
                .hasMessage("Could not sign in to Microsoft Entra ID. Tried:\n"
                        + "  - environment: EnvironmentCredential authentication unavailable. Environment variables are"
                        + " not fully configured.\n"
                        + "  - managed identity: ManagedIdentityCredential authentication unavailable. No Managed"
                        + " Identity endpoint found.\n"
                        + "  - Azure CLI (az login): Please run 'az login' to set up account.\n"
                        + "Fix: on a workstation, az login (and az account set --subscription ...); in CI,"
                        + " <auth><type>github_oidc</type> or azure_pipelines (workload identity federation, see README,"
                        + " \"Signing in\") or service_principal with a settings.xml server; on an Azure VM or agent,"
                        + " <auth><type>managed_identity</type>. To rehearse without Azure: -Dazure-image.emulator.");
    }

    @Test
    void theFirstMethodThatWorksIsKept() {
        AtomicInteger cliCalls = new AtomicInteger();
        Map<String, TokenCredential> chain = new LinkedHashMap<>();
        chain.put("environment", failing("not configured"));
        chain.put("Azure CLI", request -> {
            cliCalls.incrementAndGet();
            return Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1)));
        });
        SignIn.ReportingChain credential = new SignIn.ReportingChain(chain);
        assertThat(SignIn.check(credential, CloudSettings.AZURE, null).getToken()).isEqualTo("t");
        SignIn.check(credential, CloudSettings.AZURE, null);
        assertThat(cliCalls).hasValue(2);
        assertThat(SignIn.scope(CloudSettings.US_GOVERNMENT)).isEqualTo(
                "https://management.core.usgovcloudapi.net/.default");
    }

    @Test
    void eachCloudHasItsEndpoints() {
        assertThat(ArmConnection.environment(CloudSettings.AZURE)).isSameAs(AzureEnvironment.AZURE);
        assertThat(ArmConnection.environment(CloudSettings.US_GOVERNMENT).getResourceManagerEndpoint())
                .isEqualTo("https://management.usgovcloudapi.net/");
        assertThat(ArmConnection.environment(CloudSettings.CHINA).getActiveDirectoryEndpoint())
                .isEqualTo("https://login.chinacloudapi.cn/");
        assertThat(CloudSettings.US_GOVERNMENT.authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.us/"));
        AzureEnvironment stack = ArmConnection.environment(CloudSettings.custom(URI.create(
                "https://management.local.azurestack.external/"), URI.create("https://adfs.local.azurestack.external/"),
                "https://management.adfs.azurestack.local/abc"));
        assertThat(stack.getResourceManagerEndpoint()).isEqualTo("https://management.local.azurestack.external/");
        assertThat(stack.getManagementEndpoint()).isEqualTo("https://management.adfs.azurestack.local/abc");
        assertThat(stack.getActiveDirectoryEndpoint()).isEqualTo("https://adfs.local.azurestack.external/");
        assertThat(CloudSettings.CHINA.regions()).contains("chinanorth3").doesNotContain("westeurope");
    }
}

package dev.imagebaker.azureimage.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A GitHub Actions OIDC token for Entra ID's workload identity federation, fetched fresh from the runner's token
 * endpoint each time it is asked (ACTIONS_ID_TOKEN_REQUEST_URL with the ACTIONS_ID_TOKEN_REQUEST_TOKEN bearer,
 * audience api://AzureADTokenExchange, as GitHub documents for Azure). A job's id-token permission must be write.
 */
final class GitHubOidcToken {
    static final String AUDIENCE = "api://AzureADTokenExchange";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final Function<String, String> environment;

    GitHubOidcToken(HttpClient http, Function<String, String> environment) {
        this.http = http;
        this.environment = environment;
    }

    String get() {
        String url = environment.apply("ACTIONS_ID_TOKEN_REQUEST_URL");
        String bearer = environment.apply("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
        if (url == null || bearer == null) {
            throw new IllegalStateException("ACTIONS_ID_TOKEN_REQUEST_URL is not set: this is not a GitHub Actions job"
                    + " with permissions id-token: write");
        }
        HttpRequest request = new HttpRequest(HttpMethod.GET, url + (url.contains("?") ? "&" : "?") + "audience="
                + URLEncoder.encode(AUDIENCE, StandardCharsets.UTF_8)).setHeader("Authorization", "Bearer " + bearer);
        try (HttpResponse response = http.sendSync(request, Context.NONE)) {
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("the GitHub Actions token endpoint answered " + response.getStatusCode());
            }
            return JSON.readTree(response.getBodyAsBinaryData().toBytes()).path("value").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("the GitHub Actions token endpoint's answer is unreadable", e);
        }
    }
}

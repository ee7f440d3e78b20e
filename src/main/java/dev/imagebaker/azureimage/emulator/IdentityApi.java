package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * What a client configured for a custom cloud needs besides ARM: {@code /metadata/endpoints}, an OpenID
 * configuration and a client-credentials token endpoint under {@code /adfs}. Tokens are unsigned JWTs; the
 * emulator accepts any bearer token, since it guards no real resource.
 */
final class IdentityApi implements ResourceApi {
    private final String tenantId;

    IdentityApi(String tenantId) {
        this.tenantId = tenantId;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/metadata/endpoints", this::metadata);
        router.add("GET", "/adfs/.well-known/openid-configuration", this::openIdConfiguration);
        router.add("GET", "/adfs/{tenant}/.well-known/openid-configuration", this::openIdConfiguration);
        router.add("POST", "/adfs/oauth2/token", this::token);
        router.add("POST", "/adfs/{tenant}/oauth2/token", this::token);
        router.add("POST", "/adfs/{tenant}/oauth2/v2.0/token", this::token);
    }

    private ArmResponse metadata(ArmRequest req, Router.Params p) {
        String base = req.baseUrl();
        ObjectNode m = Json.object();
        m.put("name", "AzureImageEmulator");
        m.put("resourceManager", base + "/");
        m.put("galleryEndpoint", base + "/");
        m.put("graphEndpoint", base + "/");
        m.put("portal", base + "/");
        ObjectNode auth = m.putObject("authentication");
        auth.put("loginEndpoint", base + "/adfs");
        auth.putArray("audiences").add(base + "/");
        auth.put("tenant", "adfs");
        auth.put("identityProvider", "ADFS");
        m.putObject("suffixes").put("storage", "core.windows.net").put("keyVaultDns", "vault.azure.net");
        return ArmResponse.ok(m);
    }

    private ArmResponse openIdConfiguration(ArmRequest req, Router.Params p) {
        String adfs = req.baseUrl() + "/adfs";
        ObjectNode c = Json.object();
        c.put("issuer", adfs);
        c.put("authorization_endpoint", adfs + "/oauth2/authorize");
        c.put("token_endpoint", adfs + "/oauth2/token");
        c.put("jwks_uri", adfs + "/discovery/keys");
        c.putArray("response_types_supported").add("code").add("token");
        c.putArray("grant_types_supported").add("client_credentials");
        c.putArray("token_endpoint_auth_methods_supported").add("client_secret_post");
        c.put("tenant_region_scope", "WW");
        return ArmResponse.ok(c);
    }

    private ArmResponse token(ArmRequest req, Router.Params p) {
        String form = req.rawBody();
        if (!form.contains("grant_type=client_credentials")) {
            ObjectNode error = Json.object();
            error.put("error", "unsupported_grant_type");
            error.put("error_description", "The emulator issues tokens for grant_type=client_credentials only.");
            return new ArmResponse(400, error);
        }
        long now = System.currentTimeMillis() / 1000;
        ObjectNode claims = Json.object();
        claims.put("aud", req.baseUrl() + "/");
        claims.put("iss", req.baseUrl() + "/adfs");
        claims.put("tid", tenantId);
        claims.put("oid", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 3600);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + ".";
        ObjectNode token = Json.object();
        token.put("token_type", "Bearer");
        token.put("expires_in", 3600);
        token.put("ext_expires_in", 3600);
        token.put("expires_on", now + 3600);
        token.put("access_token", jwt);
        return ArmResponse.ok(token);
    }
}

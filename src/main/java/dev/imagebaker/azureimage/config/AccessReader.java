package dev.imagebaker.azureimage.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cloud and the sign-in method, checked offline; secrets resolved where the configuration says. */
final class AccessReader {
    private AccessReader() {
    }

    static Access read(ConfigValues values, SecretResolver secrets, Path baseDir, boolean emulator) {
        return new Access(cloud(values), auth(values, secrets, baseDir, emulator));
    }

    static CloudSettings cloud(ConfigValues values) {
        String rm = values.get(PropertyNames.CLOUD_RESOURCE_MANAGER);
        String authority = values.get(PropertyNames.CLOUD_AUTHORITY_HOST);
        String audience = values.get(PropertyNames.CLOUD_AUDIENCE);
        String name = values.get(PropertyNames.CLOUD);
        if (rm != null || authority != null || audience != null) {
            if (name != null && !name.equalsIgnoreCase("Custom")) {
                values.problem(PropertyNames.CLOUD, "<cloud>" + name + "</cloud> and <cloudEndpoints> both name the"
                        + " cloud.", "Keep one: a known cloud's name, or the endpoints of a custom one.");
            }
            URI resourceManager = https(values, PropertyNames.CLOUD_RESOURCE_MANAGER, rm, true);
            URI authorityHost = https(values, PropertyNames.CLOUD_AUTHORITY_HOST, authority, true);
            if (audience != null && https(values, PropertyNames.CLOUD_AUDIENCE, audience, false) == null) {
                audience = null;
            }
            return resourceManager == null || authorityHost == null ? CloudSettings.AZURE
                    : CloudSettings.custom(resourceManager, authorityHost, audience);
        }
        if (name == null) {
            return CloudSettings.AZURE;
        }
        CloudSettings cloud = CloudSettings.named(name);
        if (cloud == null) {
            values.problem(PropertyNames.CLOUD, "'" + name + "' is not a cloud the plugin knows.", "Use AzureCloud,"
                    + " AzureUSGovernment or AzureChinaCloud (as az cloud list names them), or give"
                    + " <cloudEndpoints><resourceManager>, <authorityHost> and <audience> for another cloud.");
            return CloudSettings.AZURE;
        }
        return cloud;
    }

    private static URI https(ConfigValues values, String property, String text, boolean required) {
        if (text == null) {
            if (required) {
                values.problem(property, "A custom cloud needs this endpoint.", values.howToSet(property,
                        "https://management.example.com/"));
            }
            return null;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text : text + "/");
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            values.problem(property, "'" + text + "' is not an https URL.", "Use e.g. https://management.example.com/.");
            return null;
        }
    }

    static AuthSettings auth(ConfigValues values, SecretResolver secrets, Path baseDir, boolean emulator) {
        String typeText = values.get(PropertyNames.AUTH_TYPE);
        AuthSettings.Type type = typeText == null ? AuthSettings.Type.AUTO : AuthSettings.Type.of(typeText);
        if (type == null) {
            values.problem(PropertyNames.AUTH_TYPE, "'" + typeText + "' is not a sign-in method.", "Use auto, azure_cli,"
                    + " managed_identity, service_principal, workload_identity, github_oidc or azure_pipelines.");
            type = AuthSettings.Type.AUTO; // so that the other auth values are still checked
        }
        String clientId = values.get(PropertyNames.AUTH_CLIENT_ID);
        String serverId = values.get(PropertyNames.AUTH_SERVER_ID);
        Secret secret = null;
        if (serverId != null) {
            String username = secrets.serverUsername(serverId);
            SecretResolver.Resolution password = secrets.resolve(new RawConfiguration.SecretEntry("client secret",
                    serverId, null));
            if (password.secret() == null) {
                values.problem(PropertyNames.AUTH_SERVER_ID, password.problem(), password.fix());
            }
            secret = password.secret();
            if (clientId == null) {
                clientId = username;
            }
        }
        values.matches(PropertyNames.AUTH_CLIENT_ID, clientId, Names.GUID, "a client (application) id is a GUID.",
                "8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b");
        String certificateText = values.get(PropertyNames.AUTH_CERTIFICATE);
        Path certificate = certificateText == null ? null : baseDir.resolve(certificateText).normalize();
        if (certificate != null && !Files.isRegularFile(certificate)) {
            values.problem(PropertyNames.AUTH_CERTIFICATE, "The certificate " + certificateText + " does not exist.",
                    "Point it at a PEM or PFX file with the service principal's certificate and key.");
        }
        String serviceConnection = values.get(PropertyNames.AUTH_SERVICE_CONNECTION_ID);
        values.matches(PropertyNames.AUTH_SERVICE_CONNECTION_ID, serviceConnection, Names.GUID, "a service"
                + " connection id is a GUID (Project settings > Service connections, or the pipeline variable"
                + " of the AzureCLI task).", "0b7e6f3a-2c4d-4e5f-8a9b-0c1d2e3f4a5b");
        if (!emulator) {
            required(values, type, clientId, secret, certificate, serviceConnection);
        }
        return new AuthSettings(type, clientId, secret, certificate, serviceConnection);
    }

    /** What each method cannot do without; caught offline instead of at sign-in. */
    private static void required(ConfigValues values, AuthSettings.Type type, String clientId, Secret secret,
                                 Path certificate, String serviceConnection) {
        boolean needsClient = type == AuthSettings.Type.SERVICE_PRINCIPAL || type == AuthSettings.Type.GITHUB_OIDC
                || type == AuthSettings.Type.AZURE_PIPELINES;
        if (needsClient && clientId == null) {
            values.problem(PropertyNames.AUTH_CLIENT_ID, "Sign-in with " + type.pomName() + " needs the client"
                    + " (application) id.", "Set <auth><clientId>, -D" + PropertyNames.AUTH_CLIENT_ID
                    + ", or <auth><serverId> naming a settings.xml server whose username is the client id.");
        }
        if (needsClient && values.get(PropertyNames.TENANT_ID) == null) {
            values.problem(PropertyNames.TENANT_ID, "Sign-in with " + type.pomName() + " needs the tenant.",
                    "Set <tenantId> (a GUID or contoso.onmicrosoft.com), or -D" + PropertyNames.TENANT_ID + ".");
        }
        if (type == AuthSettings.Type.SERVICE_PRINCIPAL && secret == null && certificate == null
                && System.getenv("AZURE_CLIENT_SECRET") == null) {
            values.problem(PropertyNames.AUTH_SERVER_ID, "Sign-in as a service principal needs its secret or"
                    + " certificate.", "Set <auth><serverId> (a settings.xml server: password = secret), or"
                    + " <auth><certificate>, or the environment variable AZURE_CLIENT_SECRET.");
        }
        if (type == AuthSettings.Type.AZURE_PIPELINES && serviceConnection == null) {
            values.problem(PropertyNames.AUTH_SERVICE_CONNECTION_ID, "Sign-in through Azure Pipelines needs the"
                    + " service connection's id.", "Set <auth><serviceConnectionId> (the id of the Azure Resource"
                    + " Manager service connection with workload identity federation).");
        }
    }
}

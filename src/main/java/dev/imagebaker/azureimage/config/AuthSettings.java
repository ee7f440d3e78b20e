package dev.imagebaker.azureimage.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the plugin signs in to Microsoft Entra ID. type auto is the usual chain (environment, workload identity,
 * managed identity, Azure CLI); the others name one method. clientId and secret come from the pom, -D, a
 * settings.xml server (username = client id, password = secret, Maven-encrypted allowed) or the environment.
 */
public record AuthSettings(Type type, String clientId, Secret secret, Path certificate, String serviceConnectionId) {

    public enum Type {
        AUTO, AZURE_CLI, MANAGED_IDENTITY, SERVICE_PRINCIPAL, WORKLOAD_IDENTITY, GITHUB_OIDC, AZURE_PIPELINES;

        /** As written in the pom: azure_cli, github_oidc, ... (any casing, - or _). */
        public static Type of(String text) {
            try {
                return text == null ? null : valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        public String pomName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static AuthSettings auto() {
        return new AuthSettings(Type.AUTO, null, null, null, null);
    }

    @Override
    public String toString() {
        return "AuthSettings[" + type.pomName() + (clientId == null ? "" : ", client " + clientId) + "]";
    }
}

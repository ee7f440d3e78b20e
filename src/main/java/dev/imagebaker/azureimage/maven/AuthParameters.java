package dev.imagebaker.azureimage.maven;

/** The {@code <auth>} element: how the plugin signs in. */
public class AuthParameters {
    /** auto (default), azure_cli, managed_identity, service_principal, workload_identity, github_oidc, azure_pipelines. */
    String type;
    /** The application (client) id; for managed_identity, a user-assigned identity's client id. */
    String clientId;
    /** A settings.xml server: username = client id, password = client secret (Maven-encrypted allowed). */
    String serverId;
    /** A service principal's certificate (PEM or PFX with its key). */
    String certificate;
    /** azure_pipelines: the id of the Azure Resource Manager service connection. */
    String serviceConnectionId;
}

package dev.imagebaker.azureimage.maven;

/** The {@code <cloudEndpoints>} element: a custom cloud. */
public class CloudEndpointsParameters {
    /** The Azure Resource Manager endpoint, e.g. https://management.local.azurestack.external/. */
    String resourceManager;
    /** The Microsoft Entra ID (or AD FS) authority host. */
    String authorityHost;
    /** The token audience; default: the resource manager endpoint. */
    String audience;
}

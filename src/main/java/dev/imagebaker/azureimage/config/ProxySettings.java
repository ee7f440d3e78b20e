package dev.imagebaker.azureimage.config;

/**
 * The HTTP proxy everything goes through (ARM, the blob service, Microsoft Entra ID): Maven's active settings.xml
 * proxy, its password decrypted. nonProxyHosts: Maven's pipe-separated patterns (*.corp|localhost). Null settings
 * mean: take HTTPS_PROXY / NO_PROXY (or the JVM's proxy properties) as the Azure SDK does.
 */
public record ProxySettings(String host, int port, String username, Secret password, String nonProxyHosts) {
    @Override
    public String toString() {
        return host + ":" + port + (username == null ? "" : " as " + username);
    }
}

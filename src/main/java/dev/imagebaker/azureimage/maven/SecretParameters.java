package dev.imagebaker.azureimage.maven;

/**
 * One {@code <secret>}: the name scripts see it under, and where its value comes from: the password of a
 * settings.xml server (Maven-encrypted ones are decrypted), or an environment variable.
 */
public class SecretParameters {
    String name;
    String server;
    String env;

    /** The compact form -Dazure-image.secrets.NAME also takes: server:ID or env:VAR. */
    String source() {
        return server != null ? "server:" + server : env != null ? "env:" + env : "";
    }
}

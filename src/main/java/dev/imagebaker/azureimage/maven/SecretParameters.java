package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.RawConfiguration;

/**
 * One {@code <secret>}: the name scripts see it under, and where its value comes from: the password of a
 * settings.xml server (Maven-encrypted ones are decrypted), or an environment variable.
 */
public class SecretParameters {
    String name;
    String server;
    String env;

    RawConfiguration.SecretEntry entry() {
        return new RawConfiguration.SecretEntry(name, server, env);
    }
}

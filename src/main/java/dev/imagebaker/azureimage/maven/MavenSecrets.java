package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.RawConfiguration;
import dev.imagebaker.azureimage.config.Secret;
import dev.imagebaker.azureimage.config.SecretResolver;
import java.util.function.Function;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Finds secrets in settings.xml servers (decrypting Maven-encrypted passwords) or environment variables. Values go
 * straight into {@link Secret}s; each missing one gets one precise reason, never the value.
 */
final class MavenSecrets implements SecretResolver {
    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final Function<String, String> environment;

    MavenSecrets(Settings settings, SettingsDecrypter decrypter, Function<String, String> environment) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.environment = environment;
    }

    @Override
    public String serverUsername(String serverId) {
        Server server = settings == null ? null : settings.getServer(serverId);
        return server == null ? null : server.getUsername();
    }

    @Override
    public Resolution resolve(RawConfiguration.SecretEntry entry) {
        if (entry.env() != null) {
            String value = environment.apply(entry.env());
            return value == null || value.isEmpty() ? Resolution.missing("The secret " + entry.name() + " is empty:"
                    + " the environment variable " + entry.env() + " is not set.", "Set " + entry.env() + ", or"
                    + " point the secret elsewhere.") : Resolution.of(new Secret(value));
        }
        String id = entry.server();
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            return Resolution.missing("The secret " + entry.name() + " names the settings.xml server '" + id
                    + "', which settings.xml does not have.", "Add <server><id>" + id + "</id><password>...</password>"
                    + "</server> to ~/.m2/settings.xml (mvn --encrypt-password encrypts it), or fix the id.");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem p : result.getProblems()) {
            if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                return Resolution.missing("The password of settings.xml server '" + id + "' cannot be decrypted: "
                        + p.getMessage(), "Check settings-security.xml (the master password) and re-encrypt the"
                        + " password with mvn --encrypt-password.");
            }
        }
        String password = result.getServer() == null ? null : result.getServer().getPassword();
        return password == null || password.isEmpty() ? Resolution.missing("The settings.xml server '" + id
                + "' has no password for the secret " + entry.name() + ".", "Give the server a <password>.")
                : Resolution.of(new Secret(password));
    }
}

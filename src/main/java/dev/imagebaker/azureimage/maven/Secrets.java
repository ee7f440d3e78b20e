package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.ConfigException;
import dev.imagebaker.azureimage.config.Problem;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Resolves secrets from settings.xml servers (decrypting Maven-encrypted passwords) or environment variables.
 * Values go straight into {@link Secret}s; a missing one is a configuration problem naming where it was sought,
 * never its value.
 */
final class Secrets {
    private Secrets() {
    }

    /** Secret name to source (server:ID or env:VAR), from the raw settings. */
    static Map<String, Secret> resolve(Map<String, String> values, Settings settings, SettingsDecrypter decrypter,
                                       Function<String, String> environment) {
        Map<String, Secret> secrets = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        values.forEach((property, source) -> {
            if (!property.startsWith(PropertyNames.SECRETS_PREFIX)) {
                return;
            }
            String name = property.substring(PropertyNames.SECRETS_PREFIX.length());
            String value = null;
            String where;
            if (source.startsWith("server:")) {
                String id = source.substring(7);
                where = "the password of server '" + id + "' in settings.xml";
                value = serverPassword(settings, decrypter, id, problems, property);
            } else if (source.startsWith("env:")) {
                String variable = source.substring(4);
                where = "the environment variable " + variable;
                value = environment.apply(variable);
            } else {
                problems.add(new Problem(PropertyNames.xmlPath(property), property, "The secret " + name
                        + " names no source.", "Give it <server>ID</server> (settings.xml) or <env>VAR</env>, or -D"
                        + property + "=server:ID or env:VAR."));
                return;
            }
            if (value == null || value.isEmpty()) {
                problems.add(new Problem(PropertyNames.xmlPath(property), property, "The secret " + name
                        + " is empty: " + where + " is not set.", "Set it, or point the secret elsewhere."));
            } else {
                secrets.put(name, new Secret(value));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return secrets;
    }

    private static String serverPassword(Settings settings, SettingsDecrypter decrypter, String id,
                                         List<Problem> problems, String property) {
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            return null;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem p : result.getProblems()) {
            if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                problems.add(new Problem(PropertyNames.xmlPath(property), property, "The password of server '" + id
                        + "' cannot be decrypted: " + p.getMessage(), "Check settings-security.xml and re-encrypt"
                        + " with mvn --encrypt-password."));
                return null;
            }
        }
        return result.getServer() == null ? null : result.getServer().getPassword();
    }
}

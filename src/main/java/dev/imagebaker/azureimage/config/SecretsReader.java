package dev.imagebaker.azureimage.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The secrets scripts get as protected parameters: named like variables, not shadowing an environment value. */
final class SecretsReader {
    static final Pattern VARIABLE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private SecretsReader() {
    }

    static Map<String, Secret> read(ConfigValues values, SecretResolver resolver, Map<String, String> environment) {
        Map<String, Secret> secrets = new TreeMap<>();
        for (RawConfiguration.SecretEntry entry : values.secrets()) {
            String property = PropertyNames.SECRETS_PREFIX + entry.name();
            if (!VARIABLE.matcher(entry.name()).matches()) {
                values.problem(property, "'" + entry.name() + "' is not a variable name.", "Use letters, digits and"
                        + " '_'.");
                continue;
            }
            if (environment.containsKey(entry.name())) {
                values.problem(property, entry.name() + " is both a secret and an <environment> value.",
                        "Keep one of them.");
                continue;
            }
            if ((entry.server() == null) == (entry.env() == null)) {
                values.problem(property, "The secret " + entry.name() + (entry.server() == null ? " names no source."
                        : " names two sources."), "Give it either <server>ID</server> (settings.xml) or"
                        + " <env>VAR</env>, or -D" + property + "=server:ID or env:VAR.");
                continue;
            }
            SecretResolver.Resolution resolution = resolver.resolve(entry);
            if (resolution.secret() == null) {
                values.problem(property, resolution.problem(), resolution.fix());
            } else {
                secrets.put(entry.name(), resolution.secret());
            }
        }
        return secrets;
    }

    /** Values given to every script as parameters, sorted by name. */
    static Map<String, String> environment(ConfigValues values) {
        Map<String, String> environment = new TreeMap<>(values.environment());
        environment.keySet().forEach(name -> {
            if (!VARIABLE.matcher(name).matches()) {
                values.problem(PropertyNames.ENVIRONMENT_PREFIX + name, "'" + name + "' is not a variable name.",
                        "Use letters, digits and '_', e.g. APP_HOME.");
            }
        });
        return environment;
    }
}

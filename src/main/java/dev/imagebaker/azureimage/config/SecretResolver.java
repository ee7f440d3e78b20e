package dev.imagebaker.azureimage.config;

/**
 * Finds a secret's value where its {@code <secret>} says (a settings.xml server, an environment variable). The
 * build tool implements it; config reports a missing value as a problem like any other, never the value.
 */
@FunctionalInterface
public interface SecretResolver {

    Resolution resolve(RawConfiguration.SecretEntry entry);

    /** The username of a settings.xml server (a service principal's client id); null when there is none. */
    default String serverUsername(String serverId) {
        return null;
    }

    /** The value, or why there is none and what to do. */
    record Resolution(Secret secret, String problem, String fix) {
        public static Resolution of(Secret secret) {
            return new Resolution(secret, null, null);
        }

        public static Resolution missing(String problem, String fix) {
            return new Resolution(null, problem, fix);
        }
    }

    /** Environment variables only: what is left without a build tool's settings. */
    static SecretResolver environmentOnly(java.util.function.Function<String, String> environment) {
        return entry -> {
            if (entry.env() == null) {
                return Resolution.missing("The secret " + entry.name() + " comes from a settings.xml server, which"
                        + " only Maven can read.", "Run the goal through Maven, or use <env>VAR</env>.");
            }
            String value = environment.apply(entry.env());
            return value == null || value.isEmpty() ? Resolution.missing("The secret " + entry.name() + " is empty:"
                    + " the environment variable " + entry.env() + " is not set.", "Set it, or point the secret"
                    + " elsewhere.") : Resolution.of(new Secret(value));
        };
    }
}

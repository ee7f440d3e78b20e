package dev.imagebaker.azureimage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A valid configuration to vary, and the check that reading fails with one given problem. */
public final class ConfigFixtures {
    private ConfigFixtures() {
    }

    /** Everything a Linux bake needs, as -D values; mutable. */
    public static Map<String, String> validValues() {
        Map<String, String> values = new HashMap<>();
        values.put(PropertyNames.LOCATION, "westeurope");
        values.put(PropertyNames.SOURCE, "Canonical:ubuntu-24_04-lts:server:latest");
        values.put(PropertyNames.GALLERY_RESOURCE_GROUP, "images-rg");
        values.put(PropertyNames.GALLERY_NAME, "corp_images");
        values.put(PropertyNames.GALLERY_IMAGE_DEFINITION, "orders-service");
        values.put(PropertyNames.GALLERY_PUBLISHER, "contoso");
        values.put(PropertyNames.GALLERY_OFFER, "orders");
        values.put(PropertyNames.GALLERY_SKU, "ubuntu2404");
        return values;
    }

    /**
     * Declares each secret in values (from an environment variable of the same name, as -D does) and returns the
     * resolver that gives their values, as Maven's would.
     */
    public static SecretResolver secrets(Map<String, String> values, Map<String, Secret> secrets) {
        secrets.keySet().forEach(name -> values.put(PropertyNames.SECRETS_PREFIX + name, "env:" + name));
        return SecretResolver.environmentOnly(name -> secrets.containsKey(name) ? secrets.get(name).reveal() : null);
    }

    /** read fails with a problem of property, shown with its pom element, a fix and every fragment. */
    static void assertProblem(ThrowingCallable read, String property, String... fragments) {
        assertThatThrownBy(read).isInstanceOf(ConfigException.class).satisfies(e -> {
            ConfigException c = (ConfigException) e;
            assertThat(c.problems()).anySatisfy(p -> {
                assertThat(p.property()).isEqualTo(property);
                assertThat(p.xmlPath()).isEqualTo(PropertyNames.conventionalPomPath(property));
                assertThat(p.fix()).isNotBlank();
                for (String fragment : fragments) {
                    assertThat(p.toString()).contains(fragment);
                }
            });
        });
    }
}

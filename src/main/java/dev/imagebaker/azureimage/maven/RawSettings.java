package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.PropertyNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The raw settings of a goal, keyed by property name: pom values first, then every {@code -Dazure-image.*}
 * property on top, nested ones included. The command line wins, as in Jib.
 */
final class RawSettings {
    private final Map<String, String> values = new HashMap<>();

    RawSettings put(String property, Object pomValue) {
        if (pomValue != null) {
            values.put(property, pomValue.toString());
        }
        return this;
    }

    Map<String, String> withOverrides(Properties userProperties) {
        Map<String, String> merged = new HashMap<>(values);
        for (String property : PropertyNames.all()) {
            String override = userProperties.getProperty(property);
            if (override != null) {
                merged.put(property, override);
            }
        }
        for (String property : userProperties.stringPropertyNames()) {
            if (PropertyNames.perName(property)) {
                merged.put(property, userProperties.getProperty(property));
            }
        }
        return merged;
    }
}

package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.RawConfiguration;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;

/**
 * A goal's configuration as Maven injected it: the mojo's fields (typed as the pom gives them) and the user's
 * {@code -D} properties. Which pom element a property stands for is read from the plugin descriptor (a parameter
 * whose expression is {@code ${azure-image.x}}), nested ones by convention ({@code azure-image.gallery.name} is
 * {@code <gallery><name>}), so no list of names is kept by hand.
 */
final class MojoConfiguration implements RawConfiguration {
    private final Object mojo;
    private final Properties userProperties;
    private final Map<String, String> parameterByProperty = new HashMap<>();
    private final Map<String, Boolean> parameterNames = new HashMap<>();
    private final Pom pom;

    /** The typed lists and maps of the pom, converted to config's entries. */
    record Pom(List<FileEntry> files, List<TargetRegionEntry> targetRegions, Map<String, String> environment,
               Map<String, String> tags, List<SecretEntry> secrets, List<ScriptEntry> scripts,
               List<DataDiskEntry> dataDisks, Map<String, String> layers) {
    }

    MojoConfiguration(Object mojo, MojoDescriptor descriptor, Properties userProperties, Pom pom) {
        this.mojo = mojo;
        this.userProperties = userProperties;
        this.pom = pom;
        if (descriptor != null && descriptor.getParameters() != null) {
            for (Parameter parameter : descriptor.getParameters()) {
                parameterNames.put(parameter.getName(), true);
                String expression = parameter.getExpression();
                if (expression != null && expression.startsWith("${" + PropertyNames.PREFIX) && expression.endsWith("}")) {
                    parameterByProperty.put(expression.substring(2, expression.length() - 1), parameter.getName());
                }
            }
        }
    }

    @Override
    public Optional<String> property(String name) {
        return Optional.ofNullable(userProperties.getProperty(name));
    }

    @Override
    public Map<String, String> properties(String prefix) {
        Map<String, String> found = new TreeMap<>();
        for (String name : userProperties.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                found.put(name, userProperties.getProperty(name));
            }
        }
        return found;
    }

    @Override
    public String pomPath(String property) {
        String parameter = parameterByProperty.get(property);
        return parameter != null ? parameter : PropertyNames.conventionalPomPath(property);
    }

    /** The value of the field the pom path names: a mojo parameter, or a field of a nested parameter object. */
    @Override
    public Optional<String> pomValue(String property) {
        if (PropertyNames.perName(property)) {
            return Optional.empty();
        }
        String path = pomPath(property);
        if (!parameterByProperty.containsKey(property) && !parameterNames.isEmpty()
                && !parameterNames.containsKey(path.split("/")[0])) {
            return Optional.empty();
        }
        Object value = mojo;
        for (String segment : path.split("/")) {
            value = value == null ? null : field(value, segment);
        }
        return Optional.ofNullable(value).map(Object::toString);
    }

    private static Object field(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read parameter " + name, e);
            }
        }
        return null;
    }

    @Override
    public List<FileEntry> pomFiles() {
        return pom.files();
    }

    @Override
    public List<DataDiskEntry> pomDataDisks() {
        return pom.dataDisks();
    }

    @Override
    public List<TargetRegionEntry> pomTargetRegions() {
        return pom.targetRegions();
    }

    @Override
    public Map<String, String> pomEnvironment() {
        return pom.environment();
    }

    @Override
    public Map<String, String> pomTags() {
        return pom.tags();
    }

    @Override
    public List<SecretEntry> pomSecrets() {
        return pom.secrets();
    }

    @Override
    public List<ScriptEntry> pomScripts() {
        return pom.scripts();
    }

    @Override
    public Map<String, String> pomLayers() {
        return pom.layers();
    }
}

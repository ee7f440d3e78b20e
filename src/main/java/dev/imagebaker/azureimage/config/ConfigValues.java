package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Looks every setting up in one place, property first: a {@code -Dazure-image.*} string (the only text that is
 * parsed) wins over the pom's typed value. Records what is wrong with the values, each problem once, with the pom
 * element and property that set it.
 */
final class ConfigValues {
    static final Set<String> SCRIPT_OPTIONS = Set.of("inline", "timeout", "runAs", "exitCodes", "restartAfter");
    private final RawConfiguration raw;
    private final Set<Problem> problems = new LinkedHashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    ConfigValues(RawConfiguration raw) {
        this.raw = raw;
    }

    List<Problem> problems() {
        return new ArrayList<>(problems);
    }

    /** Worth saying, not worth failing for: e.g. a region this plugin version does not know yet. */
    void warn(String property, String message) {
        warnings.add("<" + raw.pomPath(property) + "> (-D" + property + "): " + message);
    }

    /** A -Dazure-image.* property the plugin does not read is most likely misspelt: Maven would ignore it silently. */
    void warnUnknownProperties() {
        List<String> known = PropertyNames.all();
        for (String name : raw.properties(PropertyNames.PREFIX).keySet()) {
            if (!known.contains(name) && !PropertyNames.perName(name)) {
                String closest = DidYouMean.closest(name, known);
                warnings.add("-D" + name + " is not a setting of azure-image and is ignored"
                        + (closest != null ? "; did you mean -D" + closest + "?" : "."));
            }
        }
    }

    List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    int problemCount() {
        return problems.size();
    }

    void problem(String property, String message, String fix) {
        problems.add(new Problem(raw.pomPath(property), property, message, fix));
    }

    /** How to set a property, for fixes: the pom element and the -D form. */
    String howToSet(String property, String example) {
        return "Set <" + raw.pomPath(property).replace("/", "><") + ">" + example + "</...> in the plugin"
                + " configuration, or -D" + property + "=" + example + ".";
    }

    /** The value, -D first; null when neither sets it or it is blank. */
    String get(String property) {
        String v = raw.value(property).orElse(null);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String get(String property, String fallback) {
        String v = get(property);
        return v == null ? fallback : v;
    }

    /** The value, or a problem saying it is required (example shows a good value). */
    String required(String property, String what, String example) {
        String v = get(property);
        if (v == null) {
            problem(property, what + " is not set.", howToSet(property, example));
        }
        return v;
    }

    void matches(String property, String value, Pattern pattern, String rule, String example) {
        if (value != null && !pattern.matcher(value).matches()) {
            problem(property, "'" + value + "' is not valid: " + rule, "Use a value such as " + example + ".");
        }
    }

    Duration duration(String property, String fallback) {
        String text = get(property, fallback);
        try {
            Duration d = Durations.parse(text);
            if (d.isNegative() || d.isZero()) {
                problem(property, "'" + text + "' is not a positive duration.", "Use e.g. " + fallback + ".");
                return Durations.parse(fallback);
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(property, e.getMessage() + ".", "Use e.g. " + fallback + ".");
            return Durations.parse(fallback);
        }
    }

    Duration nonNegative(String property, String fallback) {
        String text = get(property, fallback);
        try {
            Duration d = Durations.parse(text);
            if (!d.isNegative()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problem(property, "'" + text + "' is not a duration of 0 or more.", "Use e.g. " + fallback + ".");
        return Durations.parse(fallback);
    }

    boolean bool(String property) {
        return bool(property, false);
    }

    boolean bool(String property, boolean defaultValue) {
        String v = get(property, String.valueOf(defaultValue));
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            problem(property, "'" + v + "' is neither true nor false.", "Use true or false.");
        }
        return v.equalsIgnoreCase("true");
    }

    /** The files: -D azure-image.files (source=>destination[;owner=u:g][;mode=0644], comma-separated), or the pom's. */
    List<RawConfiguration.FileEntry> files() {
        String text = raw.property(PropertyNames.FILES).orElse(null);
        if (text == null) {
            return raw.pomFiles();
        }
        List<RawConfiguration.FileEntry> files = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(";");
            int arrow = parts[0].indexOf("=>");
            if (arrow < 0) {
                problem(PropertyNames.FILES, "'" + entry.trim() + "' has no destination.", "Write"
                        + " source=>destination, e.g. -D" + PropertyNames.FILES + "=target/app.jar=>/opt/app/app.jar.");
                continue;
            }
            String owner = null;
            String mode = null;
            for (int i = 1; i < parts.length; i++) {
                String option = parts[i].trim();
                if (option.startsWith("owner=")) {
                    owner = option.substring(6);
                } else if (option.startsWith("mode=")) {
                    mode = option.substring(5);
                } else if (!option.isEmpty()) {
                    problem(PropertyNames.FILES, "'" + option + "' is not a file option.", "Use owner= or mode=.");
                }
            }
            files.add(new RawConfiguration.FileEntry(parts[0].substring(0, arrow).trim(),
                    parts[0].substring(arrow + 2).trim(), owner, mode));
        }
        return files;
    }

    /** The target regions: -D azure-image.targetRegions (name[:replicas[:storageAccountType]], comma-separated), or the pom's. */
    List<RawConfiguration.TargetRegionEntry> targetRegions() {
        List<String[]> entries = propertyEntries(PropertyNames.TARGET_REGIONS, 1, 3, "target region",
                "name[:replicas[:storageAccountType]]", "Write regions as name[:replicas[:storageAccountType]], e.g."
                        + " westeurope,northeurope:2:Standard_ZRS.");
        return entries == null ? raw.pomTargetRegions() : entries.stream().map(parts ->
                new RawConfiguration.TargetRegionEntry(parts[0], parts.length > 1 ? parts[1] : null,
                        parts.length > 2 ? parts[2] : null)).toList();
    }

    /** The data disks: -D azure-image.dataDisks (lun:sizeGb, comma-separated), or the pom's. */
    List<RawConfiguration.DataDiskEntry> dataDisks() {
        List<String[]> entries = propertyEntries(PropertyNames.DATA_DISKS, 2, 2, "data disk", "lun:sizeGb",
                DataDisksReader.FIX);
        return entries == null ? raw.pomDataDisks() : entries.stream().map(parts ->
                new RawConfiguration.DataDiskEntry(parts[0], parts[1])).toList();
    }

    /**
     * A list property's -D value (comma-separated entries of colon-separated parts, trimmed), or null when it is not
     * set; an entry with too few or too many parts is reported, named as what it is and the form it should have.
     */
    private List<String[]> propertyEntries(String property, int minParts, int maxParts, String what, String form,
                                           String fix) {
        String text = raw.property(property).orElse(null);
        if (text == null) {
            return null;
        }
        List<String[]> entries = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", -1);
            if (parts.length < minParts || parts.length > maxParts) {
                problem(property, "The " + what + " '" + entry.trim() + "' is not " + form + ".", fix);
                continue;
            }
            for (int k = 0; k < parts.length; k++) {
                parts[k] = parts[k].trim();
            }
            entries.add(parts);
        }
        return entries;
    }

    /** The pom's environment with -D azure-image.environment.NAME on top, sorted by name. */
    Map<String, String> environment() {
        return byName(raw.pomEnvironment(), PropertyNames.ENVIRONMENT_PREFIX);
    }

    /** The pom's tags with -D azure-image.tags.NAME on top. */
    Map<String, String> tags() {
        return byName(raw.pomTags(), PropertyNames.TAGS_PREFIX);
    }

    /** The pom's layers with -D azure-image.layers.NAME on top, by name. */
    Map<String, String> layers() {
        return byName(raw.pomLayers(), PropertyNames.LAYERS_PREFIX);
    }

    /** A pom map with -D prefix+NAME on top, sorted by name; an empty element or property is "". */
    private Map<String, String> byName(Map<String, String> pom, String prefix) {
        Map<String, String> values = new TreeMap<>(pom);
        values.replaceAll((name, value) -> value == null ? "" : value);
        raw.properties(prefix).forEach((property, value) -> values.put(property.substring(prefix.length()),
                value == null ? "" : value));
        return values;
    }

    /** The pom's secrets with -D azure-image.secrets.NAME=server:ID or env:VAR on top. */
    List<RawConfiguration.SecretEntry> secrets() {
        Map<String, RawConfiguration.SecretEntry> secrets = new LinkedHashMap<>();
        for (RawConfiguration.SecretEntry s : raw.pomSecrets()) {
            secrets.put(s.name(), s);
        }
        raw.properties(PropertyNames.SECRETS_PREFIX).forEach((property, source) -> {
            String name = property.substring(PropertyNames.SECRETS_PREFIX.length());
            String text = source == null ? "" : source.trim();
            if (text.startsWith("server:")) {
                secrets.put(name, new RawConfiguration.SecretEntry(name, text.substring(7), null));
            } else if (text.startsWith("env:")) {
                secrets.put(name, new RawConfiguration.SecretEntry(name, null, text.substring(4)));
            } else {
                secrets.remove(name);
                problem(property, "The secret " + name + " names no source: '" + text + "' is neither server:ID nor"
                        + " env:VAR.", "Use -D" + property + "=server:ID (a settings.xml server) or env:VAR.");
            }
        });
        return new ArrayList<>(secrets.values());
    }

    /** Script options by script name as written: the pom's {@code <script>}s with -D azure-image.scripts.NAME.OPTION on top. */
    Map<String, Map<String, String>> scriptOptions() {
        Map<String, Map<String, String>> options = new TreeMap<>();
        for (RawConfiguration.ScriptEntry s : raw.pomScripts()) {
            if (s.name() == null || s.name().isBlank()) {
                problem(PropertyNames.SCRIPTS_PREFIX + "?", "A <script> has no <name>.", "Name the script file it"
                        + " applies to, or the inline script, e.g. <name>10-packages.sh</name>.");
                continue;
            }
            Map<String, String> opts = options.computeIfAbsent(s.name().trim(), k -> new TreeMap<>());
            putIfSet(opts, "inline", s.inline());
            putIfSet(opts, "timeout", s.timeout());
            putIfSet(opts, "runAs", s.runAs());
            putIfSet(opts, "exitCodes", s.exitCodes());
            putIfSet(opts, "restartAfter", s.restartAfter());
        }
        raw.properties(PropertyNames.SCRIPTS_PREFIX).forEach((property, value) -> {
            String rest = property.substring(PropertyNames.SCRIPTS_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String option = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !SCRIPT_OPTIONS.contains(option)) {
                problem(property, "'" + option + "' is not a script option.", "Use one of " + new TreeSet<>(SCRIPT_OPTIONS)
                        + ".");
                return;
            }
            options.computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>()).put(option, value);
        });
        return options;
    }

    private static void putIfSet(Map<String, String> options, String option, String value) {
        if (value != null) {
            options.put(option, value);
        }
    }

    /** The pom path of a property, for messages. */
    String pomPath(String property) {
        return raw.pomPath(property);
    }
}

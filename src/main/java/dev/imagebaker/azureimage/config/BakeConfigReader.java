package dev.imagebaker.azureimage.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the raw settings (pom values with -D overrides, keyed by {@link PropertyNames}) into a validated
 * {@link BakeConfig}, or throws a {@link ConfigException} listing every problem with its fix. Runs offline, before
 * anything is created in Azure.
 */
public final class BakeConfigReader {
    static final String DEFAULT_VM_SIZE = "Standard_D2s_v5";
    static final String DEFAULT_EMULATOR_SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    final Map<String, String> values;
    final ProjectInfo project;
    private final List<Problem> problems = new ArrayList<>();

    private final ReadOptions options;

    private BakeConfigReader(Map<String, String> values, ProjectInfo project, ReadOptions options) {
        this.values = values;
        this.project = project;
        this.options = options;
    }

    public static BakeConfig read(Map<String, String> values, ProjectInfo project) {
        return read(values, project, ReadOptions.defaults());
    }

    public static BakeConfig read(Map<String, String> values, ProjectInfo project, ReadOptions options) {
        return new BakeConfigReader(values, project, options).read();
    }

    String get(String property) {
        String v = values.get(property);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String get(String property, String fallback) {
        String v = get(property);
        return v == null ? fallback : v;
    }

    int problemsSoFar() {
        return problems.size();
    }

    void problem(String property, String message, String fix) {
        problems.add(new Problem(PropertyNames.xmlPath(property), property, message, fix));
    }

    /** The value, or a problem saying it is required (example shows a good value). */
    private String required(String property, String what, String example) {
        String v = get(property);
        if (v == null) {
            problem(property, what + " is not set.", "Set <" + PropertyNames.xmlPath(property).replace("/", "><")
                    + ">" + example + "</...> in the plugin configuration, or -D" + property + "=" + example + ".");
        }
        return v;
    }

    void matches(String property, String value, Pattern pattern, String rule, String example) {
        if (value != null && !pattern.matcher(value).matches()) {
            problem(property, "'" + value + "' is not valid: " + rule, "Use a value such as " + example + ".");
        }
    }

    /** The settings publish needs: no source, scripts or project version (it publishes what a manifest names). */
    public static PublishConfig readPublish(Map<String, String> values, ProjectInfo project, String location) {
        BakeConfigReader reader = new BakeConfigReader(values, project, ReadOptions.defaults());
        EmulatorSettings emulator = reader.emulator();
        String subscription = reader.subscription(emulator);
        String tenant = reader.tenant();
        Publishing publishing = reader.publishing(location);
        Timeouts timeouts = reader.timeouts();
        if (!reader.problems.isEmpty()) {
            throw new ConfigException(reader.problems);
        }
        String release = reader.get(PropertyNames.GALLERY_IMAGE_DEFINITION);
        String snapshots = reader.get(PropertyNames.GALLERY_SNAPSHOT_DEFINITION,
                release == null ? null : release + "-snapshot");
        return new PublishConfig(subscription.toLowerCase(Locale.ROOT), tenant, publishing, timeouts, emulator,
                reader.get(PropertyNames.GALLERY_RESOURCE_GROUP), reader.get(PropertyNames.GALLERY_NAME), release,
                snapshots);
    }

    /** The settings test-image needs; the OS is the image's, from the manifest. */
    public static TestConfig readTest(Map<String, String> values, ProjectInfo project, ReadOptions options, OsType os) {
        BakeConfigReader reader = new BakeConfigReader(values, project, options);
        EmulatorSettings emulator = reader.emulator();
        String subscription = reader.subscription(emulator);
        String tenant = reader.tenant();
        String vmSize = reader.get(PropertyNames.TEST_VM_SIZE, reader.get(PropertyNames.VM_SIZE, DEFAULT_VM_SIZE));
        reader.matches(PropertyNames.TEST_VM_SIZE, vmSize, Names.VM_SIZE, "VM sizes look like Standard_D2s_v5.",
                DEFAULT_VM_SIZE);
        int count = 1;
        String countText = reader.get(PropertyNames.TEST_COUNT, "1");
        try {
            count = Integer.parseInt(countText);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > 10) {
            reader.problem(PropertyNames.TEST_COUNT, "'" + countText + "' is not a number of test VMs from 1 to 10.",
                    "Use e.g. 2.");
            count = 1;
        }
        Path directory = project.baseDir().resolve(reader.get(PropertyNames.TEST_SCRIPTS_DIRECTORY, "src/test/image"))
                .normalize();
        List<ScriptSpec> scripts = new ScriptsReader(reader, os, PropertyNames.TEST_SCRIPTS_DIRECTORY, directory,
                PropertyNames.TEST_TIMEOUT, false).read();
        Map<String, String> environment = reader.environment();
        reader.checkSecrets(environment);
        Timeouts timeouts = reader.timeouts();
        boolean keepOnFailure = reader.bool(PropertyNames.KEEP_ON_FAILURE);
        Duration ttl = reader.duration(PropertyNames.TEMP_GROUP_TTL, "PT6H");
        if (!reader.problems.isEmpty()) {
            throw new ConfigException(reader.problems);
        }
        return new TestConfig(subscription.toLowerCase(Locale.ROOT), tenant, emulator, os, vmSize, count, scripts,
                environment, options.secrets(), timeouts, keepOnFailure, ttl, project);
    }

    private String subscription(EmulatorSettings emulator) {
        String subscription = get(PropertyNames.SUBSCRIPTION_ID);
        if (subscription == null && emulator.enabled()) {
            subscription = DEFAULT_EMULATOR_SUBSCRIPTION;
        } else if (subscription == null) {
            problem(PropertyNames.SUBSCRIPTION_ID, "The Azure subscription is not set.",
                    "Set <subscriptionId>${env.AZURE_SUBSCRIPTION_ID}</subscriptionId>, or -D"
                            + PropertyNames.SUBSCRIPTION_ID + "=<guid>; to rehearse offline add -D"
                            + PropertyNames.EMULATOR + ".");
        }
        matches(PropertyNames.SUBSCRIPTION_ID, subscription, Names.GUID, "a subscription id is a GUID.",
                "8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b");
        return subscription == null ? "" : subscription;
    }

    private String tenant() {
        String tenant = get(PropertyNames.TENANT_ID);
        matches(PropertyNames.TENANT_ID, tenant, Names.TENANT, "a tenant is a GUID or a domain.",
                "contoso.onmicrosoft.com");
        return tenant;
    }

    private Timeouts timeouts() {
        return new Timeouts(duration(PropertyNames.TIMEOUT_SCRIPT, "PT30M"),
                duration(PropertyNames.TIMEOUT_DEPROVISION, "PT15M"),
                duration(PropertyNames.TIMEOUT_OPERATION, "PT60M"));
    }

    private BakeConfig read() {
        EmulatorSettings emulator = emulator();
        String subscription = subscription(emulator);
        String tenant = tenant();

        String location = location();
        SourceImage source = source();
        OsType osType = osType(source);
        String vmSize = get(PropertyNames.VM_SIZE, DEFAULT_VM_SIZE);
        matches(PropertyNames.VM_SIZE, vmSize, Names.VM_SIZE, "VM sizes look like Standard_D2s_v5.",
                DEFAULT_VM_SIZE);
        GalleryTarget gallery = gallery();
        List<ScriptSpec> scripts = new ScriptsReader(this, osType).read();
        List<FileCopy> files = files(osType);
        Map<String, String> environment = environment();
        checkSecrets(environment);
        MappedVersion version = null;
        try {
            version = VersionMapping.map(project.version(), get(PropertyNames.IMAGE_VERSION));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        Timeouts timeouts = timeouts();
        Duration ttl = duration(PropertyNames.TEMP_GROUP_TTL, "PT6H");
        boolean keepOnFailure = bool(PropertyNames.KEEP_ON_FAILURE);
        Publishing publishing = publishing(location);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new BakeConfig(subscription.toLowerCase(Locale.ROOT), tenant, location, source, osType, vmSize,
                gallery, scripts, files, environment, options.secrets(), version, timeouts, keepOnFailure, ttl,
                publishing, emulator, project);
    }

    private String location() {
        String given = required(PropertyNames.LOCATION, "The Azure region of the build", "westeurope");
        if (given == null) {
            return null;
        }
        String location = AzureRegions.canonical(given);
        if (location == null) {
            String closest = AzureRegions.closest(given);
            problem(PropertyNames.LOCATION, "'" + given + "' is not an Azure region.", closest != null
                    ? "Did you mean '" + closest + "'?" : "Use a region name such as westeurope or eastus2"
                    + " (az account list-locations -o table lists them).");
        }
        return location;
    }

    private SourceImage source() {
        String text = required(PropertyNames.SOURCE, "The source image", "Canonical:ubuntu-24_04-lts:server:latest");
        if (text == null) {
            return null;
        }
        try {
            return SourceImage.parse(text);
        } catch (IllegalArgumentException e) {
            problem(PropertyNames.SOURCE, "The source " + e.getMessage() + ".",
                    "Use publisher:offer:sku:version, e.g. Canonical:ubuntu-24_04-lts:server:latest.");
            return null;
        }
    }

    private OsType osType(SourceImage source) {
        String given = get(PropertyNames.OS_TYPE);
        if (given != null) {
            for (OsType t : OsType.values()) {
                if (t.azureName().equalsIgnoreCase(given)) {
                    if (source instanceof SourceImage.Marketplace m && m.impliedOsType() != t) {
                        problem(PropertyNames.OS_TYPE, "osType " + t.azureName() + " contradicts the source "
                                + m.text() + ", a " + m.impliedOsType().azureName() + " image.",
                                "Remove <osType> or choose a " + t.azureName() + " source.");
                    }
                    return t;
                }
            }
            problem(PropertyNames.OS_TYPE, "'" + given + "' is not an OS type.", "Use Linux or Windows.");
            return OsType.LINUX;
        }
        if (source instanceof SourceImage.Marketplace m) {
            return m.impliedOsType();
        }
        return scriptsDirectory() != null && hasFiles(scriptsDirectory(), OsType.WINDOWS.scriptExtension())
                && !hasFiles(scriptsDirectory(), OsType.LINUX.scriptExtension()) ? OsType.WINDOWS : OsType.LINUX;
    }

    private GalleryTarget gallery() {
        String group = required(PropertyNames.GALLERY_RESOURCE_GROUP, "The gallery's resource group", "images-rg");
        matches(PropertyNames.GALLERY_RESOURCE_GROUP, group, Names.RESOURCE_GROUP, "resource group names have 1 to 90"
                + " letters, digits, '-', '_', '.', '(' or ')' and do not end with '.'.", "images-rg");
        String name = required(PropertyNames.GALLERY_NAME, "The gallery name", "corp_images");
        if (name != null && name.contains("-")) {
            problem(PropertyNames.GALLERY_NAME, "'" + name + "' contains a hyphen; Azure compute gallery names"
                    + " allow letters, digits, '_' and '.' only.", "Use '" + name.replace('-', '_') + "'.");
        } else {
            matches(PropertyNames.GALLERY_NAME, name, Names.GALLERY, "gallery names have at most 80 letters, digits,"
                    + " '_' and '.', and start and end with a letter or digit.", "corp_images");
        }
        String definition = required(PropertyNames.GALLERY_IMAGE_DEFINITION, "The image definition",
                project.artifactId());
        matches(PropertyNames.GALLERY_IMAGE_DEFINITION, definition, Names.IMAGE_DEFINITION, "image definition names"
                + " have at most 80 letters, digits, '-', '_' and '.', and start and end with a letter or digit.",
                "orders-service");
        String publisher = identifierPart(PropertyNames.GALLERY_PUBLISHER, "publisher", "contoso", 128);
        String offer = identifierPart(PropertyNames.GALLERY_OFFER, "offer", "orders", 64);
        String sku = identifierPart(PropertyNames.GALLERY_SKU, "sku", "ubuntu2404", 55);
        String snapshots = get(PropertyNames.GALLERY_SNAPSHOT_DEFINITION,
                definition == null ? null : definition + "-snapshot");
        matches(PropertyNames.GALLERY_SNAPSHOT_DEFINITION, snapshots, Names.IMAGE_DEFINITION, "image definition"
                + " names have at most 80 letters, digits, '-', '_' and '.', and start and end with a letter or digit.",
                "orders-service-snapshot");
        if (snapshots != null && snapshots.equalsIgnoreCase(definition)) {
            problem(PropertyNames.GALLERY_SNAPSHOT_DEFINITION, "The snapshot definition is the release definition;"
                    + " snapshots would mix with releases.", "Leave it out (default: " + definition
                    + "-snapshot) or name another definition.");
        }
        return new GalleryTarget(group, name, definition, publisher, offer, sku, snapshots);
    }

    private String identifierPart(String property, String what, String example, int max) {
        String v = required(property, "The image definition's " + what, example);
        matches(property, v, Names.IDENTIFIER_PART, "an identifier " + what + " has letters, digits, '-', '_' and"
                + " '.', and starts and ends with a letter or digit.", example);
        if (v != null && v.length() > max) {
            problem(property, "'" + v + "' is longer than " + max + " characters.", "Shorten it.");
        }
        return v;
    }

    private Publishing publishing(String location) {
        List<TargetRegion> regions = new ArrayList<>();
        String text = get(PropertyNames.TARGET_REGIONS);
        if (text != null) {
            try {
                regions.addAll(TargetRegion.parseList(text));
            } catch (IllegalArgumentException e) {
                problem(PropertyNames.TARGET_REGIONS, "The target region " + e.getMessage() + ".",
                        "Write regions as name[:replicas[:storageAccountType]], e.g. westeurope,northeurope:2:Standard_ZRS.");
            }
        }
        if (location != null && regions.stream().noneMatch(r -> r.name().equals(location))) {
            // Azure requires the source region among the targets: the build region is always one.
            regions.add(0, new TargetRegion(location, 1, TargetRegion.DEFAULT_STORAGE));
        }
        java.time.Period endOfLife = null;
        String eol = get(PropertyNames.END_OF_LIFE_AFTER);
        if (eol != null) {
            try {
                endOfLife = java.time.Period.parse(eol.toUpperCase(Locale.ROOT));
                if (endOfLife.isNegative() || endOfLife.isZero()) {
                    problem(PropertyNames.END_OF_LIFE_AFTER, "'" + eol + "' is not a positive period.",
                            "Use an ISO-8601 period such as P1Y, P6M or P90D.");
                }
            } catch (java.time.format.DateTimeParseException e) {
                problem(PropertyNames.END_OF_LIFE_AFTER, "'" + eol + "' is not an ISO-8601 period.",
                        "Use a period such as P1Y, P6M or P90D.");
            }
        }
        Retention retention = null;
        if (get(PropertyNames.RETENTION_RELEASES) != null || get(PropertyNames.RETENTION_SNAPSHOTS) != null) {
            retention = new Retention(count(PropertyNames.RETENTION_RELEASES), count(PropertyNames.RETENTION_SNAPSHOTS),
                    nonNegative(PropertyNames.RETENTION_MINIMUM_AGE, "P7D"), bool(PropertyNames.RETENTION_DRY_RUN));
        }
        return new Publishing(regions, endOfLife, retention, duration(PropertyNames.TIMEOUT_REPLICATION, "PT3H"),
                options.publishLater());
    }

    /** A count of versions to keep; absent means keep them all. */
    private int count(String property) {
        String v = get(property);
        if (v == null) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(property, "'" + v + "' is not a count of versions to keep (1 or more).",
                "Use e.g. 5; leave it out to keep every version of that kind.");
        return Integer.MAX_VALUE;
    }

    private Duration nonNegative(String property, String fallback) {
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

    Path scriptsDirectory() {
        String dir = get(PropertyNames.SCRIPTS_DIRECTORY, "src/main/image/scripts");
        return project.baseDir().resolve(dir).normalize();
    }

    static boolean hasFiles(Path dir, String extension) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(extension));
        } catch (IOException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final java.util.regex.Pattern LINUX_OWNER = java.util.regex.Pattern.compile(
            "^[a-z_][a-z0-9_-]*[$]?(:[a-z_][a-z0-9_-]*[$]?)?$");
    private static final java.util.regex.Pattern LINUX_PATH = java.util.regex.Pattern.compile("^/[^\\x00]*[^/]$");
    private static final java.util.regex.Pattern WINDOWS_PATH = java.util.regex.Pattern.compile(
            "^[A-Za-z]:\\\\[^<>\"|?*]*[^\\\\]$");

    /** Values given to every script as parameters, from azure-image.environment.NAME, sorted by name. */
    private Map<String, String> environment() {
        Map<String, String> environment = new java.util.TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(PropertyNames.ENVIRONMENT_PREFIX)) {
                String name = key.substring(PropertyNames.ENVIRONMENT_PREFIX.length());
                if (!ENV_NAME.matcher(name).matches()) {
                    problem(key, "'" + name + "' is not a variable name.", "Use letters, digits and '_', e.g."
                            + " APP_HOME.");
                }
                environment.put(name, value == null ? "" : value);
            }
        });
        return environment;
    }

    /** Secret names follow the variable rules and do not shadow an environment value. */
    private void checkSecrets(Map<String, String> environment) {
        for (String name : options.secrets().keySet()) {
            String property = PropertyNames.SECRETS_PREFIX + name;
            if (!ENV_NAME.matcher(name).matches()) {
                problem(property, "'" + name + "' is not a variable name.", "Use letters, digits and '_'.");
            }
            if (environment.containsKey(name)) {
                problem(property, name + " is both a secret and an <environment> value.", "Keep one of them.");
            }
        }
    }

    /** azure-image.files: source=>destination[;owner=user:group][;mode=0644], comma-separated. */
    private List<FileCopy> files(OsType os) {
        String text = get(PropertyNames.FILES);
        List<FileCopy> files = new ArrayList<>();
        if (text == null) {
            return files;
        }
        java.util.Set<String> destinations = new java.util.HashSet<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(";");
            int arrow = parts[0].indexOf("=>");
            if (arrow < 0) {
                problem(PropertyNames.FILES, "'" + entry.trim() + "' has no destination.",
                        "Write <file><source>target/app.jar</source><destination>/opt/app/app.jar</destination></file>.");
                continue;
            }
            String sourceText = parts[0].substring(0, arrow).trim();
            String destination = parts[0].substring(arrow + 2).trim();
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
            Path source = project.baseDir().resolve(sourceText).normalize();
            boolean builtLater = options.validationOnly() && source.startsWith(project.buildDir());
            if (!Files.exists(source) && !builtLater) {
                problem(PropertyNames.FILES, "The file " + sourceText + " does not exist.", source.startsWith(
                        project.buildDir()) ? "Build it before azure-image:bake runs (bake is bound to package, after"
                        + " the jar), or point <source> at an existing file." : "Point <source> at an existing file"
                        + " or directory.");
            }
            boolean pathOk = os == OsType.LINUX ? LINUX_PATH.matcher(destination).matches()
                    && !destination.contains("/../") && !destination.endsWith("/..")
                    : WINDOWS_PATH.matcher(destination).matches() && !destination.contains("\\..\\");
            if (!pathOk) {
                problem(PropertyNames.FILES, "The destination '" + destination + "' is not an absolute "
                        + os.azureName() + " path.", os == OsType.LINUX ? "Use e.g. /opt/app/app.jar."
                        : "Use e.g. C:\\app\\app.jar.");
            }
            if (!destinations.add(destination)) {
                problem(PropertyNames.FILES, "The destination " + destination + " is used twice.",
                        "Give each file its own destination.");
            }
            if (os == OsType.WINDOWS && (owner != null || mode != null)) {
                problem(PropertyNames.FILES, "owner and mode apply to Linux images only (" + destination + ").",
                        "Remove them; set Windows ACLs in a script.");
            }
            if (owner != null && os == OsType.LINUX && !LINUX_OWNER.matcher(owner).matches()) {
                problem(PropertyNames.FILES, "The owner '" + owner + "' of " + destination + " is not user or"
                        + " user:group.", "Use e.g. app:app.");
            }
            if (mode != null && !mode.matches("^[0-7]{3,4}$")) {
                problem(PropertyNames.FILES, "The mode '" + mode + "' of " + destination + " is not octal.",
                        "Use e.g. 0644 or 755.");
            }
            files.add(new FileCopy(source, destination, owner, mode));
        }
        return files;
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

    boolean bool(String property) {
        String v = get(property, "false");
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            problem(property, "'" + v + "' is neither true nor false.", "Use true or false.");
        }
        return v.equalsIgnoreCase("true");
    }

    private EmulatorSettings emulator() {
        boolean enabled = bool(PropertyNames.EMULATOR);
        String scaleText = get(PropertyNames.EMULATOR_TIME_SCALE, "0.01");
        double scale = 0.01;
        try {
            scale = Double.parseDouble(scaleText);
            if (scale < 0 || Double.isNaN(scale) || Double.isInfinite(scale)) {
                problem(PropertyNames.EMULATOR_TIME_SCALE, "'" + scaleText + "' is negative.",
                        "Use 0 (instant), 0.01 (a hundred times faster than Azure) or 1 (as slow as Azure).");
            }
        } catch (NumberFormatException e) {
            problem(PropertyNames.EMULATOR_TIME_SCALE, "'" + scaleText + "' is not a number.",
                    "Use 0 (instant), 0.01 (a hundred times faster than Azure) or 1 (as slow as Azure).");
        }
        String state = get(PropertyNames.EMULATOR_STATE);
        String faults = get(PropertyNames.EMULATOR_FAULTS);
        Path faultsFile = faults == null ? null : project.baseDir().resolve(faults).normalize();
        if (faultsFile != null && !Files.isRegularFile(faultsFile)) {
            problem(PropertyNames.EMULATOR_FAULTS, "The fault file " + faults + " does not exist.",
                    "Point it at a JSON array of fault rules (see README, 'Faults').");
        }
        // By default the emulated cloud lives in target/: the goals of one build, and later invocations, share it.
        Path stateFile = state == null ? project.buildDir().resolve("azure-image/emulator-state.json")
                : project.baseDir().resolve(state).normalize();
        return new EmulatorSettings(enabled, scale, stateFile, faultsFile);
    }
}

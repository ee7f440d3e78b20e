package dev.imagebaker.azureimage.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the raw configuration (pom values, {@code -D} properties on top) into a validated {@link BakeConfig}, or
 * throws a {@link ConfigException} listing every problem with its fix. Runs offline, before anything is created in
 * Azure. Each section has its reader (gallery, publishing, files, scripts, secrets); this class puts them together.
 */
public final class BakeConfigReader {
    static final String DEFAULT_VM_SIZE = "Standard_D2s_v5";
    static final String DEFAULT_EMULATOR_SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    final ConfigValues values;
    final ProjectInfo project;
    private final ReadOptions options;

    private BakeConfigReader(RawConfiguration raw, ProjectInfo project, ReadOptions options) {
        this.values = new ConfigValues(raw);
        this.project = project;
        this.options = options;
    }

    /** Reads -D style values only (no pom): tests and tools. */
    public static BakeConfig read(Map<String, String> values, ProjectInfo project) {
        return read(new PropertiesConfiguration(values), project, ReadOptions.defaults());
    }

    public static BakeConfig read(Map<String, String> values, ProjectInfo project, ReadOptions options) {
        return read(new PropertiesConfiguration(values), project, options);
    }

    public static BakeConfig read(RawConfiguration raw, ProjectInfo project, ReadOptions options) {
        return new BakeConfigReader(raw, project, options).read();
    }

    /** The settings publish and clean need: no source, scripts or project version (they act on what exists). */
    public static PublishConfig readPublish(RawConfiguration raw, ProjectInfo project, String location,
                                            String manifestSubscription) {
        BakeConfigReader reader = new BakeConfigReader(raw, project, ReadOptions.defaults());
        ConfigValues values = reader.values;
        EmulatorSettings emulator = reader.emulator();
        String subscription = reader.subscription(emulator, manifestSubscription);
        String tenant = reader.tenant();
        Access access = AccessReader.read(values, ReadOptions.defaults().secrets(), project.baseDir(),
                emulator.enabled());
        Publishing publishing = PublishingReader.read(values, location, false, access.cloud());
        Timeouts timeouts = reader.timeouts();
        reader.failOnProblems();
        String release = values.get(PropertyNames.GALLERY_IMAGE_DEFINITION);
        String snapshots = values.get(PropertyNames.GALLERY_SNAPSHOT_DEFINITION,
                release == null ? null : release + "-snapshot");
        return new PublishConfig(subscription.toLowerCase(Locale.ROOT), tenant, publishing, timeouts, emulator,
                values.get(PropertyNames.GALLERY_RESOURCE_GROUP), values.get(PropertyNames.GALLERY_NAME), release,
                snapshots, access, values.get(PropertyNames.BUILD_RESOURCE_GROUP));
    }

    public static PublishConfig readPublish(Map<String, String> values, ProjectInfo project, String location) {
        return readPublish(new PropertiesConfiguration(values), project, location, null);
    }

    /** The settings test-image needs; the OS and, unless configured, the subscription are the image's (manifest). */
    public static TestConfig readTest(RawConfiguration raw, ProjectInfo project, ReadOptions options, OsType os,
                                      String manifestSubscription) {
        BakeConfigReader reader = new BakeConfigReader(raw, project, options);
        ConfigValues values = reader.values;
        EmulatorSettings emulator = reader.emulator();
        String subscription = reader.subscription(emulator, manifestSubscription);
        String tenant = reader.tenant();
        TestSection test = reader.testSection(os);
        Map<String, String> environment = SecretsReader.environment(values);
        Map<String, Secret> secrets = SecretsReader.read(values, options.secrets(), environment);
        Timeouts timeouts = reader.timeouts();
        boolean keepOnFailure = values.bool(PropertyNames.KEEP_ON_FAILURE);
        Duration ttl = values.duration(PropertyNames.TEMP_GROUP_TTL, "PT6H");
        boolean waitForDeletion = values.bool(PropertyNames.WAIT_FOR_DELETION, true);
        Placement placement = reader.placement();
        Access access = AccessReader.read(values, options.secrets(), project.baseDir(), emulator.enabled());
        reader.failOnProblems();
        return new TestConfig(subscription.toLowerCase(Locale.ROOT), tenant, emulator, os, test.vmSize(),
                test.count(), test.scripts(), environment, secrets, timeouts, keepOnFailure, ttl, waitForDeletion, project, placement,
                access);
    }

    /** What test-image reads for itself: its VM size and count, and its scripts (checked like the bake's). */
    private record TestSection(String vmSize, int count, List<ScriptSpec> scripts) {
    }

    private TestSection testSection(OsType os) {
        String vmSize = values.get(PropertyNames.TEST_VM_SIZE, values.get(PropertyNames.VM_SIZE, DEFAULT_VM_SIZE));
        // Only its own value: the bake's size, when it stands in, is checked (and reported) as <vmSize>.
        values.matches(PropertyNames.TEST_VM_SIZE, values.get(PropertyNames.TEST_VM_SIZE), Names.VM_SIZE,
                "VM sizes look like Standard_D2s_v5.", DEFAULT_VM_SIZE);
        String countText = values.get(PropertyNames.TEST_COUNT, "1");
        int count;
        try {
            count = Integer.parseInt(countText);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > 10) {
            values.problem(PropertyNames.TEST_COUNT, "'" + countText + "' is not a number of test VMs from 1 to 10.",
                    "Use e.g. 2.");
            count = 1;
        }
        values.bool(PropertyNames.TEST_SKIP);
        Path directory = project.baseDir().resolve(values.get(PropertyNames.TEST_SCRIPTS_DIRECTORY,
                "src/test/image")).normalize();
        List<ScriptSpec> scripts = new ScriptsReader(values, project, os, PropertyNames.TEST_SCRIPTS_DIRECTORY,
                directory, PropertyNames.TEST_TIMEOUT, false).read();
        return new TestSection(vmSize, count, scripts);
    }

    /**
     * A goal's on/off switch (skip, clean's dry run), read as strictly as every other value: Maven turns any text but
     * "true" into false, so a misspelt -D value would silently do the opposite of what was asked.
     */
    public static boolean flag(RawConfiguration raw, String property) {
        ConfigValues values = new ConfigValues(raw);
        boolean on = values.bool(property);
        if (values.problemCount() > 0) {
            throw new ConfigException(values.problems());
        }
        return on;
    }

    private void failOnProblems() {
        if (values.problemCount() > 0) {
            throw new ConfigException(values.problems());
        }
    }

    private BakeConfig read() {
        values.warnUnknownProperties();
        EmulatorSettings emulator = emulator();
        String subscription = subscription(emulator, null);
        String tenant = tenant();
        Access access = AccessReader.read(values, options.secrets(), project.baseDir(), emulator.enabled());
        String location = location(access.cloud());
        SourceImage source = source();
        OsType osType = osType(source);
        String vmSize = values.get(PropertyNames.VM_SIZE, DEFAULT_VM_SIZE);
        values.matches(PropertyNames.VM_SIZE, vmSize, Names.VM_SIZE, "VM sizes look like Standard_D2s_v5.",
                DEFAULT_VM_SIZE);
        MappedVersion version = null;
        try {
            version = VersionMapping.map(project.version(), values.get(PropertyNames.IMAGE_VERSION));
        } catch (ConfigException e) {
            e.problems().forEach(p -> values.problem(p.property(), p.message(), p.fix()));
        }
        GalleryTarget gallery = GalleryReader.read(values, project.artifactId(),
                version != null && version.kind() == VersionKind.RELEASE);
        List<ScriptSpec> scripts = new ScriptsReader(values, project, osType, PropertyNames.SCRIPTS_DIRECTORY,
                scriptsDirectory(), PropertyNames.TIMEOUT_SCRIPT, true).read();
        List<FileCopy> files = FilesReader.read(values, project, osType, options.validationOnly());
        List<DataDisk> dataDisks = DataDisksReader.read(values);
        Layers layers = osType == null ? Layers.none() : LayersReader.read(values, scripts, dataDisks, osType);
        Map<String, String> environment = SecretsReader.environment(values);
        Map<String, Secret> secrets = SecretsReader.read(values, options.secrets(), environment);
        Timeouts timeouts = timeouts();
        Duration ttl = values.duration(PropertyNames.TEMP_GROUP_TTL, "PT6H");
        boolean keepOnFailure = values.bool(PropertyNames.KEEP_ON_FAILURE);
        boolean waitForDeletion = values.bool(PropertyNames.WAIT_FOR_DELETION, true);
        Publishing publishing = PublishingReader.read(values, location, options.publishLater(), access.cloud());
        Placement placement = placement();
        if (options.checkTests() && osType != null) {
            // test-image would find these only after a whole bake.
            testSection(osType);
        }
        failOnProblems();
        return new BakeConfig(subscription.toLowerCase(Locale.ROOT), tenant, location, source, osType, vmSize,
                gallery, scripts, files, dataDisks, layers, environment, secrets, version, timeouts, keepOnFailure, ttl, waitForDeletion, publishing,
                emulator, project, placement, access, values.warnings());
    }

    /** fallback: the subscription of the version a manifest names, when the configuration names none. */
    private Placement placement() {
        String buildGroup = values.get(PropertyNames.BUILD_RESOURCE_GROUP);
        values.matches(PropertyNames.BUILD_RESOURCE_GROUP, buildGroup, Names.RESOURCE_GROUP, "resource group names have"
                + " 1 to 90 letters, digits, '-', '_', '.', '(' or ')' and do not end with '.'.", "image-builds-rg");
        return new Placement(PlacementReader.network(values), PlacementReader.securityType(values),
                PlacementReader.tags(values), buildGroup);
    }

    private String subscription(EmulatorSettings emulator, String fallback) {
        String subscription = values.get(PropertyNames.SUBSCRIPTION_ID, fallback);
        if (subscription == null && emulator.enabled()) {
            subscription = DEFAULT_EMULATOR_SUBSCRIPTION;
        } else if (subscription == null) {
            values.problem(PropertyNames.SUBSCRIPTION_ID, "The Azure subscription is not set.",
                    "Set <subscriptionId>${env.AZURE_SUBSCRIPTION_ID}</subscriptionId>, or -D"
                            + PropertyNames.SUBSCRIPTION_ID + "=<guid>; to rehearse offline add -D"
                            + PropertyNames.EMULATOR + ".");
        }
        values.matches(PropertyNames.SUBSCRIPTION_ID, subscription, Names.GUID, "a subscription id is a GUID.",
                "8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b");
        return subscription == null ? "" : subscription;
    }

    private String tenant() {
        String tenant = values.get(PropertyNames.TENANT_ID);
        values.matches(PropertyNames.TENANT_ID, tenant, Names.TENANT, "a tenant is a GUID or a domain.",
                "contoso.onmicrosoft.com");
        return tenant;
    }

    private Timeouts timeouts() {
        return new Timeouts(values.duration(PropertyNames.TIMEOUT_SCRIPT, "PT30M"),
                values.duration(PropertyNames.TIMEOUT_DEPROVISION, "PT15M"),
                values.duration(PropertyNames.TIMEOUT_OPERATION, "PT60M"));
    }

    private String location(CloudSettings cloud) {
        String given = values.required(PropertyNames.LOCATION, "The Azure region of the build", "westeurope");
        if (given == null) {
            return null;
        }
        unknownRegion(values, PropertyNames.LOCATION, given, cloud);
        return AzureRegions.normalize(given);
    }

    /**
     * A region this plugin does not know: a typo, or a region newer than this plugin. Offline that is a warning;
     * before anything is created the bake checks it against the subscription's own list of locations.
     */
    private static final java.util.regex.Pattern REGION_NAME = java.util.regex.Pattern.compile("[a-z0-9]+");

    static void unknownRegion(ConfigValues values, String property, String given, CloudSettings cloud) {
        String name = AzureRegions.normalize(given);
        if (!REGION_NAME.matcher(name).matches()) {
            values.problem(property, "'" + given + "' is not a region name: Azure's are letters and digits.",
                    "Use e.g. westeurope (the display name, West Europe, works too).");
            return;
        }
        if (cloud.custom() || cloud.regions().contains(name)) {
            return;
        }
        String closest = AzureRegions.closest(given, cloud.regions());
        values.warn(property, "'" + given + "' is not a region of " + cloud.name() + " this plugin knows"
                + (closest != null ? "; did you mean '" + closest + "'?" : ".") + " The bake checks it against your"
                + " subscription's regions (az account list-locations -o table) before it creates anything.");
    }

    private SourceImage source() {
        String text = values.required(PropertyNames.SOURCE, "The source image",
                "Canonical:ubuntu-24_04-lts:server:latest");
        if (text == null) {
            return null;
        }
        try {
            return SourceImage.parse(text);
        } catch (IllegalArgumentException e) {
            values.problem(PropertyNames.SOURCE, "The source " + e.getMessage() + ".",
                    "Use publisher:offer:sku:version, e.g. Canonical:ubuntu-24_04-lts:server:latest.");
            return null;
        }
    }

    private OsType osType(SourceImage source) {
        String given = values.get(PropertyNames.OS_TYPE);
        if (given != null) {
            for (OsType t : OsType.values()) {
                if (t.azureName().equalsIgnoreCase(given)) {
                    if (source instanceof SourceImage.Marketplace m && m.impliedOsType() != t) {
                        values.problem(PropertyNames.OS_TYPE, "osType " + t.azureName() + " contradicts the source "
                                + m.text() + ", a " + m.impliedOsType().azureName() + " image.",
                                "Remove <osType> or choose a " + t.azureName() + " source.");
                    }
                    return t;
                }
            }
            values.problem(PropertyNames.OS_TYPE, "'" + given + "' is not an OS type.", "Use Linux or Windows.");
            return OsType.LINUX;
        }
        if (source instanceof SourceImage.Marketplace m) {
            return m.impliedOsType();
        }
        Path scripts = scriptsDirectory();
        return hasFiles(scripts, OsType.WINDOWS.scriptExtension()) && !hasFiles(scripts,
                OsType.LINUX.scriptExtension()) ? OsType.WINDOWS : OsType.LINUX;
    }

    private Path scriptsDirectory() {
        return project.baseDir().resolve(values.get(PropertyNames.SCRIPTS_DIRECTORY, "src/main/image/scripts"))
                .normalize();
    }

    private static boolean hasFiles(Path dir, String extension) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(extension));
        } catch (IOException e) {
            return false;
        }
    }

    /** A state file that can be neither read nor created: a folder, or under something that is not a folder. */
    private void stateFileProblem(Path file) {
        String fix = "Point it at a JSON file (it is created if missing), e.g. target/emulator-state.json.";
        if (Files.isDirectory(file)) {
            values.problem(PropertyNames.EMULATOR_STATE, "The state file " + file + " is a folder.", fix);
            return;
        }
        for (Path parent = file.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                if (!Files.isDirectory(parent)) {
                    values.problem(PropertyNames.EMULATOR_STATE, "The state file " + file + " cannot be created: "
                            + parent + " is a file, not a folder.", fix);
                }
                return;
            }
        }
    }

    private EmulatorSettings emulator() {
        boolean enabled = values.bool(PropertyNames.EMULATOR);
        String scaleText = values.get(PropertyNames.EMULATOR_TIME_SCALE, "0.01");
        double scale = 0.01;
        String fix = "Use 0 (instant), 0.01 (a hundred times faster than Azure) or 1 (as slow as Azure).";
        try {
            scale = Double.parseDouble(scaleText);
            if (scale < 0 || Double.isNaN(scale) || Double.isInfinite(scale)) {
                values.problem(PropertyNames.EMULATOR_TIME_SCALE, "'" + scaleText + "' is negative.", fix);
                scale = 0.01;
            }
        } catch (NumberFormatException e) {
            values.problem(PropertyNames.EMULATOR_TIME_SCALE, "'" + scaleText + "' is not a number.", fix);
        }
        String state = values.get(PropertyNames.EMULATOR_STATE);
        String faults = values.get(PropertyNames.EMULATOR_FAULTS);
        Path faultsFile = faults == null ? null : project.baseDir().resolve(faults).normalize();
        if (faultsFile != null && !Files.isRegularFile(faultsFile)) {
            values.problem(PropertyNames.EMULATOR_FAULTS, "The fault file " + faults + " does not exist.",
                    "Point it at a JSON array of fault rules (see README, 'Faults').");
        }
        if (state != null) {
            stateFileProblem(project.baseDir().resolve(state).normalize());
        }
        // By default the emulated cloud lives in target/: the goals of one build, and later invocations, share it.
        Path stateFile = state == null ? project.buildDir().resolve("azure-image/emulator-state.json")
                : project.baseDir().resolve(state).normalize();
        return new EmulatorSettings(enabled, scale, stateFile, faultsFile);
    }
}

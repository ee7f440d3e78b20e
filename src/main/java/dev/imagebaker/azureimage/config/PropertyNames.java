package dev.imagebaker.azureimage.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every user property the plugin reads, in one place (as Jib's PropertyNames), with the {@code <xml>} path
 * that sets the same value in the pom. A {@code -D} property wins over the pom, for nested values too.
 */
public final class PropertyNames {
    public static final String PREFIX = "azure-image.";
    public static final String SKIP = PREFIX + "skip";
    public static final String SUBSCRIPTION_ID = PREFIX + "subscriptionId";
    public static final String TENANT_ID = PREFIX + "tenantId";
    public static final String LOCATION = PREFIX + "location";
    public static final String SOURCE = PREFIX + "source";
    public static final String OS_TYPE = PREFIX + "osType";
    public static final String VM_SIZE = PREFIX + "vmSize";
    public static final String GALLERY_RESOURCE_GROUP = PREFIX + "gallery.resourceGroup";
    public static final String GALLERY_NAME = PREFIX + "gallery.name";
    public static final String GALLERY_IMAGE_DEFINITION = PREFIX + "gallery.imageDefinition";
    public static final String GALLERY_PUBLISHER = PREFIX + "gallery.publisher";
    public static final String GALLERY_OFFER = PREFIX + "gallery.offer";
    public static final String GALLERY_SKU = PREFIX + "gallery.sku";
    public static final String GALLERY_SNAPSHOT_DEFINITION = PREFIX + "gallery.snapshotImageDefinition";
    public static final String TARGET_REGIONS = PREFIX + "targetRegions";
    public static final String END_OF_LIFE_AFTER = PREFIX + "endOfLifeAfter";
    public static final String RETENTION_RELEASES = PREFIX + "retention.releases";
    public static final String RETENTION_SNAPSHOTS = PREFIX + "retention.snapshots";
    public static final String RETENTION_MINIMUM_AGE = PREFIX + "retention.minimumAge";
    public static final String RETENTION_DRY_RUN = PREFIX + "retention.dryRun";
    public static final String TIMEOUT_REPLICATION = PREFIX + "timeouts.replication";
    public static final String MANIFEST = PREFIX + "manifest";
    public static final String CLEAN_DRY_RUN = PREFIX + "clean.dryRun";
    public static final String TEST_SKIP = PREFIX + "test.skip";
    public static final String TEST_COUNT = PREFIX + "test.count";
    public static final String TEST_VM_SIZE = PREFIX + "test.vmSize";
    public static final String TEST_SCRIPTS_DIRECTORY = PREFIX + "test.scriptsDirectory";
    public static final String TEST_TIMEOUT = PREFIX + "test.timeout";
    /** name=>destination entries; see FileCopy. */
    public static final String FILES = PREFIX + "files";
    /** Prefixes of per-name properties: environment.NAME, secrets.NAME, scripts.NAME.option. */
    public static final String ENVIRONMENT_PREFIX = PREFIX + "environment.";
    public static final String SECRETS_PREFIX = PREFIX + "secrets.";
    public static final String SCRIPTS_PREFIX = PREFIX + "scripts.";
    public static final String SCRIPTS_DIRECTORY = PREFIX + "scriptsDirectory";
    public static final String IMAGE_VERSION = PREFIX + "imageVersion";
    public static final String TIMEOUT_SCRIPT = PREFIX + "timeouts.script";
    public static final String TIMEOUT_DEPROVISION = PREFIX + "timeouts.deprovision";
    public static final String TIMEOUT_OPERATION = PREFIX + "timeouts.operation";
    public static final String KEEP_ON_FAILURE = PREFIX + "keepOnFailure";
    public static final String TEMP_GROUP_TTL = PREFIX + "tempGroupTtl";
    public static final String EMULATOR = PREFIX + "emulator";
    public static final String EMULATOR_PORT = PREFIX + "emulator.port";
    public static final String EMULATOR_TIME_SCALE = PREFIX + "emulator.timeScale";
    public static final String EMULATOR_STATE = PREFIX + "emulator.state";
    public static final String EMULATOR_FAULTS = PREFIX + "emulator.faults";
    public static final String EMULATOR_CERTIFICATE = PREFIX + "emulator.certificate";

    private static final Map<String, String> XML = new LinkedHashMap<>();

    static {
        String[][] paths = {
            {SKIP, "skip"}, {SUBSCRIPTION_ID, "subscriptionId"}, {TENANT_ID, "tenantId"}, {LOCATION, "location"},
            {SOURCE, "source"}, {OS_TYPE, "osType"}, {VM_SIZE, "vmSize"},
            {GALLERY_RESOURCE_GROUP, "gallery/resourceGroup"}, {GALLERY_NAME, "gallery/name"},
            {GALLERY_IMAGE_DEFINITION, "gallery/imageDefinition"}, {GALLERY_PUBLISHER, "gallery/publisher"},
            {GALLERY_OFFER, "gallery/offer"}, {GALLERY_SKU, "gallery/sku"},
            {GALLERY_SNAPSHOT_DEFINITION, "gallery/snapshotImageDefinition"}, {TARGET_REGIONS, "targetRegions"},
            {END_OF_LIFE_AFTER, "endOfLifeAfter"}, {RETENTION_RELEASES, "retention/releases"},
            {RETENTION_SNAPSHOTS, "retention/snapshots"}, {RETENTION_MINIMUM_AGE, "retention/minimumAge"},
            {RETENTION_DRY_RUN, "retention/dryRun"}, {TIMEOUT_REPLICATION, "timeouts/replication"},
            {MANIFEST, "manifest"}, {FILES, "files"}, {CLEAN_DRY_RUN, "dryRun"}, {TEST_SKIP, "test/skip"},
            {TEST_COUNT, "test/count"}, {TEST_VM_SIZE, "test/vmSize"},
            {TEST_SCRIPTS_DIRECTORY, "test/scriptsDirectory"}, {TEST_TIMEOUT, "test/timeout"},
            {SCRIPTS_DIRECTORY, "scriptsDirectory"}, {IMAGE_VERSION, "imageVersion"},
            {TIMEOUT_SCRIPT, "timeouts/script"}, {TIMEOUT_DEPROVISION, "timeouts/deprovision"},
            {TIMEOUT_OPERATION, "timeouts/operation"}, {KEEP_ON_FAILURE, "keepOnFailure"},
            {TEMP_GROUP_TTL, "tempGroupTtl"}, {EMULATOR, "emulator"}, {EMULATOR_PORT, "emulatorPort"},
            {EMULATOR_TIME_SCALE, "emulatorTimeScale"}, {EMULATOR_STATE, "emulatorState"},
            {EMULATOR_FAULTS, "emulatorFaults"}, {EMULATOR_CERTIFICATE, "emulatorCertificate"},
        };
        for (String[] p : paths) {
            XML.put(p[0], p[1]);
        }
    }

    private PropertyNames() {
    }

    /** Every property name, for reading -D overrides. */
    public static Iterable<String> all() {
        return XML.keySet();
    }

    /** Whether a property is one of the per-name ones (environment, secrets, script options). */
    public static boolean perName(String property) {
        return property.startsWith(ENVIRONMENT_PREFIX) || property.startsWith(SECRETS_PREFIX)
                || property.startsWith(SCRIPTS_PREFIX);
    }

    /** The pom path of a property, e.g. "gallery/name" for azure-image.gallery.name. */
    public static String xmlPath(String property) {
        if (property.startsWith(ENVIRONMENT_PREFIX)) {
            return "environment/" + property.substring(ENVIRONMENT_PREFIX.length());
        }
        if (property.startsWith(SECRETS_PREFIX)) {
            return "secrets/secret[name=" + property.substring(SECRETS_PREFIX.length()) + "]";
        }
        if (property.startsWith(SCRIPTS_PREFIX)) {
            String rest = property.substring(SCRIPTS_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            return "scripts/script[name=" + rest.substring(0, dot) + "]/" + rest.substring(dot + 1);
        }
        return XML.getOrDefault(property, property.substring(PREFIX.length()));
    }
}

package dev.imagebaker.azureimage.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every user property the plugin reads, in one place (as Jib's PropertyNames). A {@code -D} property wins over the
 * pom, for nested values too; which pom element a property stands for comes from the plugin descriptor (see
 * {@link RawConfiguration#pomPath}).
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
    public static final String WAIT_FOR_DELETION = PREFIX + "waitForDeletion";
    public static final String DATA_DISKS = PREFIX + "dataDisks";
    public static final String LAYERS_PREFIX = PREFIX + "layers.";
    public static final String LAYER_CACHE = PREFIX + "layerCache";
    public static final String LAYER_MAX_AGE = PREFIX + "layerMaxAge";
    public static final String CLOUD = PREFIX + "cloud";
    public static final String CLOUD_RESOURCE_MANAGER = PREFIX + "cloudEndpoints.resourceManager";
    public static final String CLOUD_AUTHORITY_HOST = PREFIX + "cloudEndpoints.authorityHost";
    public static final String CLOUD_AUDIENCE = PREFIX + "cloudEndpoints.audience";
    public static final String AUTH_TYPE = PREFIX + "auth.type";
    public static final String AUTH_CLIENT_ID = PREFIX + "auth.clientId";
    public static final String AUTH_SERVER_ID = PREFIX + "auth.serverId";
    public static final String AUTH_CERTIFICATE = PREFIX + "auth.certificate";
    public static final String AUTH_SERVICE_CONNECTION_ID = PREFIX + "auth.serviceConnectionId";
    public static final String BUILD_RESOURCE_GROUP = PREFIX + "buildResourceGroup";
    public static final String NETWORK_SUBNET_ID = PREFIX + "network.subnetId";
    public static final String NETWORK_OUTBOUND = PREFIX + "network.outbound";
    public static final String SECURITY_TYPE = PREFIX + "securityType";
    /** Tags on everything the plugin creates: azure-image.tags.NAME. */
    public static final String TAGS_PREFIX = PREFIX + "tags.";
    public static final String EMULATOR = PREFIX + "emulator";
    public static final String EMULATOR_PORT = PREFIX + "emulator.port";
    public static final String EMULATOR_TIME_SCALE = PREFIX + "emulator.timeScale";
    public static final String EMULATOR_STATE = PREFIX + "emulator.state";
    public static final String EMULATOR_FAULTS = PREFIX + "emulator.faults";
    public static final String EMULATOR_CERTIFICATE = PREFIX + "emulator.certificate";

    private PropertyNames() {
    }

    /**
     * Every property name, found by reflection over the constants above so that the list cannot drift from them;
     * the per-name prefixes are left out.
     */
    public static List<String> all() {
        List<String> names = new ArrayList<>();
        for (Field field : PropertyNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String name = (String) field.get(null);
                    if (!name.equals(PREFIX) && !name.endsWith(".")) {
                        names.add(name);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /** Whether a property is one of the per-name ones (environment, secrets, script options, tags, layers). */
    public static boolean perName(String property) {
        return property.startsWith(ENVIRONMENT_PREFIX) || property.startsWith(SECRETS_PREFIX)
                || property.startsWith(SCRIPTS_PREFIX) || property.startsWith(TAGS_PREFIX)
                || property.startsWith(LAYERS_PREFIX);
    }

    /**
     * The pom path by the naming convention nested parameters follow: azure-image.gallery.name sets
     * {@code <gallery><name>}, azure-image.secrets.TOKEN the {@code <secret>} named TOKEN. Top-level parameters may
     * differ (the plugin descriptor says how); a build tool's {@link RawConfiguration} knows.
     */
    public static String conventionalPomPath(String property) {
        if (property.startsWith(ENVIRONMENT_PREFIX)) {
            return "environment/" + property.substring(ENVIRONMENT_PREFIX.length());
        }
        if (property.startsWith(TAGS_PREFIX)) {
            return "tags/" + property.substring(TAGS_PREFIX.length());
        }
        if (property.startsWith(LAYERS_PREFIX)) {
            return "layers/" + property.substring(LAYERS_PREFIX.length());
        }
        if (property.startsWith(SECRETS_PREFIX)) {
            return "secrets/secret[name=" + property.substring(SECRETS_PREFIX.length()) + "]";
        }
        if (property.startsWith(SCRIPTS_PREFIX)) {
            String rest = property.substring(SCRIPTS_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            return dot < 0 ? "scripts/script[name=" + rest + "]"
                    : "scripts/script[name=" + rest.substring(0, dot) + "]/" + rest.substring(dot + 1);
        }
        String rest = property.startsWith(PREFIX) ? property.substring(PREFIX.length()) : property;
        return rest.replace('.', '/');
    }
}

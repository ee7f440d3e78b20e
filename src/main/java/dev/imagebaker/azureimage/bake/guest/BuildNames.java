package dev.imagebaker.azureimage.bake.guest;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of what one build creates, all derived from its build id. In its own temporary group the names are short;
 * in a shared build group (buildResourceGroup) they carry the build id, so that builds never collide.
 */
public record BuildNames(String buildId, String tempGroup, boolean sharedGroup) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public static BuildNames of(String artifactId, Instant now) {
        return of(artifactId, now, null);
    }

    /** buildGroup: an existing group to build in; null for a temporary group of the build's own. */
    public static BuildNames of(String artifactId, Instant now, String buildGroup) {
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        String buildId = STAMP.format(now) + "-" + HexFormat.of().formatHex(random);
        String artifact = artifactId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (artifact.length() > 40) {
            artifact = artifact.substring(0, 40);
        }
        return buildGroup != null ? new BuildNames(buildId, buildGroup, true)
                : new BuildNames(buildId, "azimg-" + artifact + "-" + buildId, false);
    }

    /** A VM (and its network's prefix) of this build: azimg-build, azimg-test-1, ... */
    public String vm(String role) {
        return sharedGroup ? "azimg-" + buildId + "-" + role : "azimg-" + role;
    }

    public String vmName() {
        return vm("build");
    }

    /** The build VM's host name: at most 15 characters (Windows), unique only inside the VM. */
    public String computerName() {
        return "azimg-build";
    }

    /** The temporary storage account: 3 to 24 lowercase letters and digits, unique in Azure ("azimg" and the build id). */
    public String storageAccount() {
        return ("azimg" + buildId.replace("-", "")).toLowerCase(Locale.ROOT);
    }

    /** A run command name for a script file: its name without extension, in the characters Azure accepts. */
    public static String runName(String scriptFileName) {
        String base = scriptFileName.replaceFirst("\\.[^.]+$", "");
        return base.replaceAll("[^A-Za-z0-9_.-]", "-");
    }
}

package dev.imagebaker.azureimage.bake.guest;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/** Names of what one bake creates, all derived from its build id. */
public record BuildNames(String buildId, String tempGroup, String vmName, String computerName) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public static BuildNames of(String artifactId, Instant now) {
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        String buildId = STAMP.format(now) + "-" + HexFormat.of().formatHex(random);
        String artifact = artifactId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (artifact.length() > 40) {
            artifact = artifact.substring(0, 40);
        }
        return new BuildNames(buildId, "azimg-" + artifact + "-" + buildId, "azimg-build", "azimg-build");
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

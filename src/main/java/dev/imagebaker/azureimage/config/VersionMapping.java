package dev.imagebaker.azureimage.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a Maven project version to a gallery image version: X.Y.Z to X.Y.Z, X.Y to X.Y.0, X to X.0.0, each part a
 * 32-bit integer. Anything else (a qualifier, -SNAPSHOT) is refused unless an explicit imageVersion is given.
 */
public final class VersionMapping {
    private static final Pattern NUMERIC = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?$");

    private VersionMapping() {
    }

    /** The image version for a project version; an explicit imageVersion (non-blank) wins. */
    public static ImageVersion map(String projectVersion, String explicitImageVersion) {
        if (explicitImageVersion != null && !explicitImageVersion.isBlank()) {
            try {
                return ImageVersion.parse(explicitImageVersion.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(new Problem(PropertyNames.xmlPath(PropertyNames.IMAGE_VERSION),
                        PropertyNames.IMAGE_VERSION, "The image version " + e.getMessage() + ".",
                        "Use Major.Minor.Patch, each part an integer from 0 to 2147483647, e.g. 1.4.2."));
            }
        }
        Matcher m = NUMERIC.matcher(projectVersion);
        if (m.matches()) {
            try {
                return new ImageVersion(ImageVersion.part(projectVersion, m.group(1)),
                        m.group(2) == null ? 0 : ImageVersion.part(projectVersion, m.group(2)),
                        m.group(3) == null ? 0 : ImageVersion.part(projectVersion, m.group(3)));
            } catch (IllegalArgumentException e) {
                throw refuse(projectVersion, e.getMessage() + ".");
            }
        }
        throw refuse(projectVersion, "Only X.Y.Z, X.Y and X (32-bit integers) map to an Azure image version;"
                + " qualifiers such as -SNAPSHOT or -RC1 do not.");
    }

    private static ConfigException refuse(String projectVersion, String why) {
        return new ConfigException(new Problem("project/version", PropertyNames.IMAGE_VERSION,
                "The project version '" + projectVersion + "' cannot name an Azure Compute Gallery image version"
                        + " (Major.Minor.Patch of 32-bit integers). " + why,
                "Bake a release version such as 1.4.2, or set <imageVersion>1.4.2</imageVersion> (or -D"
                        + PropertyNames.IMAGE_VERSION + "=1.4.2) to name the image version explicitly."));
    }
}

package dev.imagebaker.azureimage.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a Maven project version to a gallery image version:
 * <ul>
 * <li>X.Y.Z, X.Y, X to X.Y.Z, X.Y.0, X.0.0 (each part a 32-bit integer), and X.Y.Z.Final/.RELEASE/.GA to X.Y.Z:
 * a release;</li>
 * <li>X.Y.Z-SNAPSHOT and pre-releases X.Y.Z-qualifier (RC1, beta-2, M3, ...) to a snapshot X.Y.&lt;time&gt; in
 * the snapshot definition, never latest;</li>
 * <li>anything else is refused, naming the version and the fix.</li>
 * </ul>
 * An explicit imageVersion names the version; the kind still comes from the project version.
 */
public final class VersionMapping {
    private static final Pattern NUMERIC = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?$");
    private static final Pattern FINAL = Pattern.compile("^(\\d+(?:\\.\\d+){0,2})[.-](?i:final|release|ga)$");
    private static final Pattern QUALIFIED = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?-[A-Za-z0-9][-A-Za-z0-9.]*$");

    private VersionMapping() {
    }

    public static MappedVersion map(String projectVersion, String explicitImageVersion) {
        VersionKind kind = kind(projectVersion);
        if (explicitImageVersion != null && !explicitImageVersion.isBlank()) {
            ImageVersion named;
            try {
                named = ImageVersion.parse(explicitImageVersion.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(new Problem(PropertyNames.conventionalPomPath(PropertyNames.IMAGE_VERSION),
                        PropertyNames.IMAGE_VERSION, "The image version " + e.getMessage() + ".",
                        "Use Major.Minor.Patch, each part an integer from 0 to 2147483647, e.g. 1.4.2."));
            }
            return kind == VersionKind.SNAPSHOT ? MappedVersion.namedSnapshot(named) : MappedVersion.release(named);
        }
        Matcher numeric = NUMERIC.matcher(projectVersion);
        Matcher fin = FINAL.matcher(projectVersion);
        Matcher qualified = QUALIFIED.matcher(projectVersion);
        try {
            if (numeric.matches()) {
                return MappedVersion.release(numericVersion(projectVersion, numeric));
            }
            if (fin.matches()) {
                Matcher base = NUMERIC.matcher(fin.group(1));
                base.matches();
                return MappedVersion.release(numericVersion(projectVersion, base));
            }
            if (qualified.matches()) {
                ImageVersion base = numericVersion(projectVersion, qualified);
                return MappedVersion.snapshot(base.major(), base.minor());
            }
        } catch (IllegalArgumentException e) {
            throw refuse(projectVersion, e.getMessage() + ".");
        }
        throw refuse(projectVersion, "Only X.Y.Z, X.Y and X (32-bit integers), their -SNAPSHOT and -qualifier forms,"
                + " and .Final/.RELEASE/.GA map to an Azure image version.");
    }

    /** RELEASE or SNAPSHOT, from the project version alone. */
    public static VersionKind kind(String projectVersion) {
        return QUALIFIED.matcher(projectVersion).matches() ? VersionKind.SNAPSHOT : VersionKind.RELEASE;
    }

    private static ImageVersion numericVersion(String projectVersion, Matcher m) {
        return new ImageVersion(ImageVersion.part(projectVersion, m.group(1)),
                m.group(2) == null ? 0 : ImageVersion.part(projectVersion, m.group(2)),
                m.group(3) == null ? 0 : ImageVersion.part(projectVersion, m.group(3)));
    }

    private static ConfigException refuse(String projectVersion, String why) {
        return new ConfigException(new Problem("project/version", PropertyNames.IMAGE_VERSION,
                "The project version '" + projectVersion + "' cannot name an Azure Compute Gallery image version"
                        + " (Major.Minor.Patch of 32-bit integers). " + why,
                "Use a version such as 1.4.2 (or 1.4.2-SNAPSHOT), or set <imageVersion>1.4.2</imageVersion> (or -D"
                        + PropertyNames.IMAGE_VERSION + "=1.4.2) to name the image version explicitly."));
    }
}

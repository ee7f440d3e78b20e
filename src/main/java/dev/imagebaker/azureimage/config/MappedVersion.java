package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.time.Instant;

/**
 * The image version a project version maps to. A release has a fixed name. A snapshot's name is
 * {@code Major.Minor.<seconds since 2020-01-01T00:00Z at the start of the build>} (unless named explicitly), so
 * that each snapshot bake gets a new version; 32 bits of seconds last until 2088.
 */
public record MappedVersion(VersionKind kind, ImageVersion fixed, int snapshotMajor, int snapshotMinor) {
    static final Instant SNAPSHOT_EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    public static MappedVersion release(ImageVersion version) {
        return new MappedVersion(VersionKind.RELEASE, version, 0, 0);
    }

    public static MappedVersion snapshot(int major, int minor) {
        return new MappedVersion(VersionKind.SNAPSHOT, null, major, minor);
    }

    public static MappedVersion namedSnapshot(ImageVersion version) {
        return new MappedVersion(VersionKind.SNAPSHOT, version, 0, 0);
    }

    /** The version's name for a build that started at buildStart. */
    public ImageVersion at(Instant buildStart) {
        if (fixed != null) {
            return fixed;
        }
        long seconds = Duration.between(SNAPSHOT_EPOCH, buildStart).getSeconds();
        return new ImageVersion(snapshotMajor, snapshotMinor, (int) Math.min(Integer.MAX_VALUE, seconds));
    }

    public boolean snapshot() {
        return kind == VersionKind.SNAPSHOT;
    }

    /** For messages: "1.4.2", or "1.4.<build time>" for a snapshot. */
    public String describe() {
        return fixed != null ? fixed.toString() : snapshotMajor + "." + snapshotMinor + ".<build time>";
    }
}

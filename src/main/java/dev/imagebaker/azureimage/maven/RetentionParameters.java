package dev.imagebaker.azureimage.maven;

/** The {@code <retention>} element: how many versions to keep, and the minimum age before deletion. */
public class RetentionParameters {
    /** Newest release versions to keep. */
    String releases;
    /** Newest snapshot versions to keep. */
    String snapshots;
    /** Versions younger than this are never deleted. Default P7D. */
    String minimumAge;
    /** Only report what would be deleted. */
    String dryRun;
}

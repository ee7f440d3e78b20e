package dev.imagebaker.azureimage.bake;

/**
 * The tags the plugin writes, in one place: on temporary groups (so azure-image:clean finds them), on image versions
 * (where a version came from, and what test-image found).
 */
public final class Tags {
    /** Every resource a build creates, and every version it bakes. */
    public static final String BUILD_ID = "azure-image.build-id";
    /** Temporary groups: when azure-image:clean may delete them. */
    public static final String EXPIRES_AT = "azure-image.expires-at";
    public static final String CREATED_BY = "azure-image.created-by";
    public static final String GROUP_ID = "maven.groupId";
    public static final String ARTIFACT_ID = "maven.artifactId";
    public static final String VERSION = "maven.version";
    public static final String REVISION = "vcs.revision";
    public static final String SOURCE = "azure-image.source";
    public static final String KIND = "azure-image.kind";
    /** On a cached layer's version: the layer's name. */
    public static final String LAYER = "azure-image.layer";
    /** test-image's verdict on a version (passed or failed) and when it tested it. */
    public static final String TEST = "azure-image.test";
    public static final String TESTED_AT = "azure-image.tested-at";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    private Tags() {
    }
}

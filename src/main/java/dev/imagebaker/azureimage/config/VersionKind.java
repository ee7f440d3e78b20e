package dev.imagebaker.azureimage.config;

/** What a project version is, for the image lifecycle. */
public enum VersionKind {
    /** X.Y.Z, X.Y, X (and X.Y.Z.Final/.RELEASE/.GA): published to the image definition, promoted to latest. */
    RELEASE,
    /** -SNAPSHOT and pre-releases (-RC1, -beta-2, ...): published to the snapshot definition, never latest. */
    SNAPSHOT
}

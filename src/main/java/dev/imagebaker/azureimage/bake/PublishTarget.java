package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.VersionKind;

/** The version to publish, as a bake or a manifest names it. */
public record PublishTarget(String versionId, VersionKind kind, String location) {

    String resourceGroup() {
        return versionId.split("/")[4];
    }

    String gallery() {
        return versionId.split("/")[8];
    }

    String definition() {
        return versionId.split("/")[10];
    }

    String version() {
        return versionId.split("/")[12];
    }

    /** For messages: resource group/gallery/definition/version. */
    String path() {
        return resourceGroup() + "/" + gallery() + "/" + definition() + "/" + version();
    }
}

package dev.imagebaker.azureimage.config;

/** Where Azure is and how to sign in to it: the cloud and the sign-in method. */
public record Access(CloudSettings cloud, AuthSettings auth) {
    public static Access defaults() {
        return new Access(CloudSettings.AZURE, AuthSettings.auto());
    }
}

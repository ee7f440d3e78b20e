package dev.imagebaker.azureimage.config;

/**
 * What the reader gets besides the settings: whether a publish or test-image goal is bound (bake then makes a
 * candidate), how secrets are found, and whether it reads for the validate goal, which runs before the project's
 * files are built.
 */
public record ReadOptions(boolean publishLater, SecretResolver secrets, boolean validationOnly) {
    public static ReadOptions defaults() {
        return new ReadOptions(false, SecretResolver.environmentOnly(System::getenv), false);
    }
}

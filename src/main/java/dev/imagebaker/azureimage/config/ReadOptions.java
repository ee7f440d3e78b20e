package dev.imagebaker.azureimage.config;

/**
 * What the reader gets besides the settings: whether a publish or test-image goal is bound (bake then makes a
 * candidate), how secrets are found, whether it reads for the validate goal, which runs before the project's
 * files are built, and whether test-image's settings are checked too (it is bound, or validate runs).
 */
public record ReadOptions(boolean publishLater, SecretResolver secrets, boolean validationOnly, boolean checkTests) {
    public ReadOptions(boolean publishLater, SecretResolver secrets, boolean validationOnly) {
        this(publishLater, secrets, validationOnly, false);
    }

    public static ReadOptions defaults() {
        return new ReadOptions(false, SecretResolver.environmentOnly(System::getenv), false);
    }
}

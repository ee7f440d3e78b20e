package dev.imagebaker.azureimage.config;

/**
 * A value that must never be logged or written: its toString hides it. Only the code that hands it to Azure
 * calls {@link #reveal()}.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }
}

package dev.imagebaker.azureimage.config;

/** The guest OS family, which decides script kind, generalization and credentials. */
public enum OsType {
    LINUX("Linux", ".sh"),
    WINDOWS("Windows", ".ps1");

    private final String azureName;
    private final String scriptExtension;

    OsType(String azureName, String scriptExtension) {
        this.azureName = azureName;
        this.scriptExtension = scriptExtension;
    }

    /** As Azure spells it: Linux, Windows. */
    public String azureName() {
        return azureName;
    }

    public String scriptExtension() {
        return scriptExtension;
    }
}

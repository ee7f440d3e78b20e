package dev.imagebaker.azureimage.config;


/** A VM's security type (securityProfile.securityType), and the definition feature SecurityType it needs. */
public enum SecurityType {
    STANDARD("Standard"), TRUSTED_LAUNCH("TrustedLaunch"), CONFIDENTIAL_VM("ConfidentialVM");

    private final String azureName;

    SecurityType(String azureName) {
        this.azureName = azureName;
    }

    public String azureName() {
        return azureName;
    }

    /** Azure's name, any casing; null when it is none of them. */
    public static SecurityType of(String text) {
        if (text == null) {
            return null;
        }
        for (SecurityType t : values()) {
            if (t.azureName.equalsIgnoreCase(text.trim()) || t.name().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return azureName;
    }
}

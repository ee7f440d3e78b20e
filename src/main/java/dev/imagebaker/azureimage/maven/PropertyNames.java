package dev.imagebaker.azureimage.maven;

/** Every user property the plugin reads, in one place (as Jib's PropertyNames). */
public final class PropertyNames {
    public static final String PREFIX = "azure-image.";
    public static final String EMULATOR = PREFIX + "emulator";
    public static final String EMULATOR_PORT = PREFIX + "emulator.port";
    public static final String EMULATOR_TIME_SCALE = PREFIX + "emulator.timeScale";
    public static final String EMULATOR_STATE = PREFIX + "emulator.state";
    public static final String EMULATOR_FAULTS = PREFIX + "emulator.faults";
    public static final String EMULATOR_CERTIFICATE = PREFIX + "emulator.certificate";

    private PropertyNames() {
    }
}

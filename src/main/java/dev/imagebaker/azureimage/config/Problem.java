package dev.imagebaker.azureimage.config;

/**
 * One thing wrong with the configuration: which {@code <xml>} path and {@code -D} property, what is wrong,
 * and how to fix it.
 */
public record Problem(String xmlPath, String property, String message, String fix) {
    @Override
    public String toString() {
        return "<" + xmlPath + "> (-D" + property + "): " + message + (fix == null ? "" : " Fix: " + fix);
    }
}

package dev.imagebaker.azureimage.config;

import java.nio.file.Path;

/**
 * A project file or directory copied into the image: source on the build machine, absolute destination in the
 * guest, and on Linux an optional owner (user or user:group) and mode (octal). A directory is copied whole.
 */
public record FileCopy(Path source, String destination, String owner, String mode) {
    public boolean directory() {
        return java.nio.file.Files.isDirectory(source);
    }
}

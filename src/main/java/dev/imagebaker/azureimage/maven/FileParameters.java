package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.RawConfiguration;

/** One {@code <file>}: source (file or directory), destination in the guest, owner and mode (Linux). */
public class FileParameters {
    String source;
    String destination;
    String owner;
    String mode;

    RawConfiguration.FileEntry entry() {
        return new RawConfiguration.FileEntry(source, destination, owner, mode);
    }
}

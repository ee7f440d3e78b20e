package dev.imagebaker.azureimage.maven;

/** One {@code <file>}: source (file or directory), destination in the guest, owner and mode (Linux). */
public class FileParameters {
    String source;
    String destination;
    String owner;
    String mode;

    String compact() {
        return source + "=>" + destination + (owner == null ? "" : ";owner=" + owner)
                + (mode == null ? "" : ";mode=" + mode);
    }
}

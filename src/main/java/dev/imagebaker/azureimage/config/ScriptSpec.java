package dev.imagebaker.azureimage.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * One provisioning script: a file from the scripts folder or an inline script from the pom, with its options:
 * its own timeout, the user it runs as (Linux), the exit codes that count as success, and whether the VM
 * restarts after it (e.g. after Windows updates).
 */
public record ScriptSpec(String name, Path file, String inline, Duration timeout, String runAs,
                         Set<Integer> exitCodes, boolean restartAfter) {

    /** The script's text: the file's, or the inline one. */
    public String content() throws java.io.IOException {
        return file != null ? java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8) : inline;
    }

    /** The run command's name: the name without extension, in the characters Azure accepts. */
    public String runName() {
        return name.replaceFirst("\\.(sh|ps1)$", "").replaceAll("[^A-Za-z0-9_.-]", "-");
    }
}

package dev.imagebaker.azureimage.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The project files copied into the image: each source exists (or is built later), each destination is absolute. */
final class FilesReader {
    private static final Pattern LINUX_OWNER = Pattern.compile("^[a-z_][a-z0-9_-]*[$]?(:[a-z_][a-z0-9_-]*[$]?)?$");
    private static final Pattern LINUX_PATH = Pattern.compile("^/[^\\x00]*[^/]$");
    private static final Pattern WINDOWS_PATH = Pattern.compile("^[A-Za-z]:\\\\[^<>\"|?*]*[^\\\\]$");
    private static final Pattern MODE = Pattern.compile("^[0-7]{3,4}$");

    private FilesReader() {
    }

    /** validationOnly: validate runs before package, so files under target/ may not exist yet. */
    static List<FileCopy> read(ConfigValues values, ProjectInfo project, OsType os, boolean validationOnly) {
        List<FileCopy> files = new ArrayList<>();
        Set<String> destinations = new HashSet<>();
        String property = PropertyNames.FILES;
        for (RawConfiguration.FileEntry entry : values.files()) {
            if (entry.source() == null || entry.source().isBlank() || entry.destination() == null
                    || entry.destination().isBlank()) {
                values.problem(property, "A <file> needs a <source> and a <destination>"
                        + (entry.source() == null ? "" : " (" + entry.source() + ")") + ".", "Write <file><source>"
                        + "target/app.jar</source><destination>/opt/app/app.jar</destination></file>.");
                continue;
            }
            String destination = entry.destination().trim();
            Path source = project.baseDir().resolve(entry.source().trim()).normalize();
            boolean builtLater = validationOnly && source.startsWith(project.buildDir());
            if (!Files.exists(source) && !builtLater) {
                values.problem(property, "The file " + entry.source() + " does not exist.", source.startsWith(
                        project.buildDir()) ? "Build it before azure-image:bake runs (bake is bound to package, after"
                        + " the jar), or point <source> at an existing file." : "Point <source> at an existing file"
                        + " or directory.");
            }
            boolean pathOk = os == OsType.LINUX ? LINUX_PATH.matcher(destination).matches()
                    && !destination.contains("/../") && !destination.endsWith("/..")
                    : WINDOWS_PATH.matcher(destination).matches() && !destination.contains("\\..\\");
            if (!pathOk) {
                values.problem(property, "The destination '" + destination + "' is not an absolute "
                        + os.azureName() + " path.", os == OsType.LINUX ? "Use e.g. /opt/app/app.jar."
                        : "Use e.g. C:\\app\\app.jar.");
            }
            if (!destinations.add(destination)) {
                values.problem(property, "The destination " + destination + " is used twice.",
                        "Give each file its own destination.");
            }
            String owner = blankToNull(entry.owner());
            String mode = blankToNull(entry.mode());
            if (os == OsType.WINDOWS && (owner != null || mode != null)) {
                values.problem(property, "owner and mode apply to Linux images only (" + destination + ").",
                        "Remove them; set Windows ACLs in a script.");
            }
            if (owner != null && os == OsType.LINUX && !LINUX_OWNER.matcher(owner).matches()) {
                values.problem(property, "The owner '" + owner + "' of " + destination + " is not user or"
                        + " user:group.", "Use e.g. app:app.");
            }
            if (mode != null && !MODE.matcher(mode).matches()) {
                values.problem(property, "The mode '" + mode + "' of " + destination + " is not octal.",
                        "Use e.g. 0644 or 755.");
            }
            files.add(new FileCopy(source, destination, owner, mode));
        }
        return files;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

package dev.imagebaker.azureimage.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration as the build tool holds it, before validation (as Jib's RawConfiguration): {@code -D} user
 * properties as text, pom values as the pom gives them, lists and maps kept as lists and maps. Only the {@code -D}
 * strings are ever parsed; {@link ConfigValues} looks each value up, property first.
 */
public interface RawConfiguration {

    /** A {@code -Dazure-image.*} user property, when set. */
    Optional<String> property(String name);

    /** The user properties whose names start with prefix, by full name. */
    Map<String, String> properties(String prefix);

    /** A plain pom value, as text (e.g. {@code <gallery><name>}), when the pom sets it. */
    Optional<String> pomValue(String property);

    List<FileEntry> pomFiles();

    List<TargetRegionEntry> pomTargetRegions();

    List<DataDiskEntry> pomDataDisks();

    Map<String, String> pomEnvironment();

    Map<String, String> pomTags();

    List<SecretEntry> pomSecrets();

    List<ScriptEntry> pomScripts();

    /** The pom's {@code <layers>}: layer name to its scripts, comma-separated. */
    default Map<String, String> pomLayers() {
        return Map.of();
    }

    /** A plain value, property first: the -D string wins over the pom. */
    default Optional<String> value(String property) {
        return property(property).or(() -> pomValue(property));
    }

    /** The pom element a property stands for, e.g. gallery/name for azure-image.gallery.name. */
    default String pomPath(String property) {
        return PropertyNames.conventionalPomPath(property);
    }

    /** One {@code <file>}: a project file or directory and where it goes in the guest. */
    record FileEntry(String source, String destination, String owner, String mode) {
    }

    /** One {@code <targetRegion>}; replicas as written, checked by the reader. */
    record TargetRegionEntry(String name, String replicas, String storageAccountType) {
    }

    /** One {@code <dataDisk>}: its LUN and size in GiB, as written, checked by the reader. */
    record DataDiskEntry(String lun, String sizeGb) {
    }

    /** One {@code <secret>}: its name and where its value comes from (a settings.xml server or a variable). */
    record SecretEntry(String name, String server, String env) {
    }

    /** One {@code <script>}: options for a script of the folder, or an inline script. */
    record ScriptEntry(String name, String inline, String timeout, String runAs, String exitCodes,
                       String restartAfter) {
    }
}

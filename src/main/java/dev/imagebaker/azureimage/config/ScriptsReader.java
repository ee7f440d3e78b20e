package dev.imagebaker.azureimage.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The provisioning scripts: the files of the scripts folder and the inline scripts of the pom, in name order,
 * each with its options ({@code azure-image.scripts.<name>.timeout|runAs|exitCodes|restartAfter|inline}), each
 * checked offline (UTF-8, line endings, bash -n).
 */
final class ScriptsReader {
    private static final Pattern LINUX_USER = Pattern.compile("^[a-z_][a-z0-9_-]*[$]?$");
    private final ConfigValues values;
    private final ProjectInfo project;
    private final OsType os;
    private final String directoryProperty;
    private final Path directory;
    private final String timeoutProperty;
    private final boolean withOptions;
    private Duration defaultTimeout;

    /**
     * Scripts of a folder, run in name order; withOptions: the provisioning scripts, which also take inline scripts
     * and per-script options (the image tests take files only and one timeout for all).
     */
    ScriptsReader(ConfigValues values, ProjectInfo project, OsType os, String directoryProperty, Path directory,
                  String timeoutProperty, boolean withOptions) {
        this.values = values;
        this.project = project;
        this.os = os;
        this.directoryProperty = directoryProperty;
        this.directory = directory;
        this.timeoutProperty = timeoutProperty;
        this.withOptions = withOptions;
    }

    /** Options by script name with its extension, e.g. {"10-packages.sh": {"timeout": "PT45M"}}. */
    private Map<String, Map<String, String>> options() {
        Map<String, Map<String, String>> options = new TreeMap<>();
        values.scriptOptions().forEach((name, opts) -> options.computeIfAbsent(withExtension(name),
                k -> new TreeMap<>()).putAll(opts));
        return options;
    }

    private String withExtension(String name) {
        return name.endsWith(".sh") || name.endsWith(".ps1") ? name : name + os.scriptExtension();
    }

    List<ScriptSpec> read() {
        Map<String, Map<String, String>> options = withOptions ? options() : Map.of();
        Map<String, ScriptSource> sources = new TreeMap<>(Comparator.naturalOrder());
        folder(sources, options.values().stream().anyMatch(o -> o.containsKey("inline")));
        options.forEach((name, opts) -> {
            if (opts.containsKey("inline")) {
                String property = PropertyNames.SCRIPTS_PREFIX + name + ".inline";
                if (!name.endsWith(os.scriptExtension())) {
                    values.problem(property, "The inline script " + name + " cannot run on a " + os.azureName()
                            + " image.", "Name it with " + os.scriptExtension() + " or without extension.");
                } else if (sources.containsKey(name)) {
                    values.problem(property, "The inline script " + name + " has the name of a script file.",
                            "Rename one of them.");
                } else {
                    sources.put(name, new ScriptSource(null, opts.get("inline")));
                }
            } else if (!sources.containsKey(name)) {
                values.problem(PropertyNames.SCRIPTS_PREFIX + name + "." + opts.keySet().iterator().next(),
                        "There is no script named " + name + " to apply options to.", "Use the name of a file in"
                                + " the scripts folder, or give the script an <inline> body.");
            }
        });
        if (sources.isEmpty() && values.problemCount() == 0) {
            String shown = project.baseDir().relativize(directory).toString();
            values.problem(directoryProperty, "The scripts folder " + shown + " has no "
                    + os.scriptExtension() + " script, and the pom has no inline script.", "Add one, e.g. " + shown
                    + "/10-packages" + os.scriptExtension() + "; scripts run in name order.");
        }
        // Read once, so that a bad value is reported even when no script uses it, and never once per script.
        defaultTimeout = values.duration(timeoutProperty, "PT30M");
        List<ScriptSpec> scripts = new ArrayList<>();
        sources.forEach((name, source) -> {
            ScriptSpec spec = spec(name, source, options.getOrDefault(name, Map.of()));
            if (spec != null) {
                scripts.add(spec);
            }
        });
        return scripts;
    }

    private record ScriptSource(Path file, String inline) {
    }

    private void folder(Map<String, ScriptSource> sources, boolean inlineScripts) {
        Path dir = directory;
        String shown = project.baseDir().relativize(dir).toString();
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                values.problem(directoryProperty, "The scripts folder " + shown + " is a file, not a folder.",
                        "Point this setting at the folder that holds the scripts.");
            } else if (!inlineScripts) {
                values.problem(directoryProperty, "The scripts folder " + shown + " does not exist.",
                        "Create it with your " + (withOptions ? "provisioning" : "test") + " scripts (e.g. " + shown
                                + "/10-" + (withOptions ? "packages" : "app") + os.scriptExtension() + "), or point"
                                + " this setting at them.");
            }
            return;
        }
        List<Path> misfits = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            OsType other = os == OsType.LINUX ? OsType.WINDOWS : OsType.LINUX;
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(os.scriptExtension())) {
                    sources.put(name, new ScriptSource(f, null));
                } else if (name.endsWith(other.scriptExtension())) {
                    misfits.add(f);
                }
            }
        } catch (IOException e) {
            values.problem(directoryProperty, "The scripts folder " + shown + " cannot be read: "
                    + e.getMessage(), "Check its permissions.");
        }
        if (!misfits.isEmpty()) {
            values.problem(directoryProperty, "The scripts folder " + shown + " holds " + misfits.stream()
                    .map(p -> p.getFileName().toString()).sorted().toList() + ", which cannot run on a "
                    + os.azureName() + " image.", "Remove them, or bake a matching image (" + os.azureName()
                    + " runs " + os.scriptExtension() + " scripts).");
        }
    }

    private ScriptSpec spec(String name, ScriptSource source, Map<String, String> opts) {
        String prefix = PropertyNames.SCRIPTS_PREFIX + name + ".";
        byte[] content;
        try {
            content = source.file != null ? Files.readAllBytes(source.file)
                    : source.inline.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            values.problem(directoryProperty, "Cannot read " + name + ": " + e.getMessage(),
                    "Check the file's permissions.");
            return null;
        }
        for (ScriptChecks.Finding finding : ScriptChecks.check(name, content, os)) {
            values.problem(source.file != null ? directoryProperty : prefix + "inline", finding.problem(),
                    finding.fix());
        }
        if (ScriptChecks.hasNoCommands(content)) {
            values.warn(source.file != null ? directoryProperty : prefix + "inline", name + " has no commands (only"
                    + " blank lines and comments): it will run and change nothing. Add its commands, or delete it.");
        }
        Duration timeout = opts.containsKey("timeout") ? values.duration(prefix + "timeout", "PT30M")
                : defaultTimeout;
        String runAs = opts.get("runAs");
        if (runAs != null && os == OsType.WINDOWS) {
            values.problem(prefix + "runAs", "runAs needs a password on Windows, which the build VM's users do not"
                    + " have.", "Leave it out: Windows scripts run as SYSTEM; switch user inside the script.");
        } else if (runAs != null && !LINUX_USER.matcher(runAs).matches()) {
            values.problem(prefix + "runAs", "'" + runAs + "' is not a Linux user name.", "Use e.g. app.");
        }
        Set<Integer> exitCodes = new LinkedHashSet<>();
        for (String code : opts.getOrDefault("exitCodes", "0").split("[,|\\s]+")) {
            try {
                exitCodes.add(Integer.parseInt(code.trim()));
            } catch (NumberFormatException e) {
                values.problem(prefix + "exitCodes", "'" + code + "' is not an exit code.", "List numbers, e.g."
                        + " 0,3010.");
            }
        }
        String restart = opts.getOrDefault("restartAfter", "false");
        if (!restart.equalsIgnoreCase("true") && !restart.equalsIgnoreCase("false")) {
            values.problem(prefix + "restartAfter", "'" + restart + "' is neither true nor false.",
                    "Use true or false.");
        }
        return new ScriptSpec(name, source.file, source.inline, timeout, runAs, exitCodes,
                restart.equalsIgnoreCase("true"));
    }
}

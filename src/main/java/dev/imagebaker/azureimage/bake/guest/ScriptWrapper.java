package dev.imagebaker.azureimage.bake.guest;

import dev.imagebaker.azureimage.config.OsType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Wraps a project script so that it gets its environment the same way on every VM, whatever Azure's run command
 * handler does with parameters:
 * <ul>
 * <li>Linux: the handler sets a named parameter only when its value is non-empty, and runs runAsUser scripts through
 * {@code sudo -u}, whose env_reset drops every parameter (run-command-handler-linux, internal/exec/exec.go). So
 * environment values are exported by the wrapper itself (empty ones too), secrets arrive as protected parameters
 * (the wrapper's environment, never a command line or a file), the script is written to a private directory and
 * run, as its user when it has one, through {@code sudo --preserve-env=<names>}: only the names are on the command
 * line.</li>
 * <li>Windows: the handler passes parameters unquoted as {@code -name value} (azure-compute-docs
 * windows/run-command-managed.md), so spaces split a value and {@code &} breaks the command line: environment
 * values are written into the wrapper, secrets travel base64-encoded ({@link #windowsValue}); the wrapper sets
 * them as environment variables, and passes them to the script's own param() arguments when it declares them.</li>
 * </ul>
 */
public final class ScriptWrapper {
    private static final Pattern POWERSHELL_HERE_STRING_END = Pattern.compile("(?m)^'@");
    /** Where scripts run from on Linux: not /tmp, which hardened images mount noexec. */
    static final String LINUX_RUN_DIR = "/var/lib/azure-image";

    private ScriptWrapper() {
    }

    /** The wrapped script; secretNames arrive as protected parameters. */
    public static String wrap(OsType os, String scriptName, String script, String runAs,
                              Map<String, String> environment, Collection<String> secretNames) {
        return os == OsType.LINUX ? linux(scriptName, script, runAs, environment, secretNames, LINUX_RUN_DIR)
                : windows(script, environment, secretNames);
    }

    /** runDir: where the script is written and run from (a parameter for tests, which run it for real). */
    static String linux(String scriptName, String script, String runAs, Map<String, String> environment,
                        Collection<String> secretNames, String runDir) {
        String delimiter = "AZIMG_SCRIPT_" + digest(script);
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# azure-image: runs " + scriptName + (runAs == null ? "" : " as " + runAs) + " with its environment"
                + " (values below, secrets as protected parameters).");
        environment.forEach((name, value) -> lines.add("export " + name + "=" + shellQuote(value)));
        lines.add("mkdir -p -m 0711 " + runDir);
        lines.add("azimg_dir=$(mktemp -d " + runDir + "/run.XXXXXX)");
        lines.add("trap 'rm -rf \"$azimg_dir\"' EXIT");
        lines.add("azimg_script=\"$azimg_dir/" + scriptName + "\"");
        lines.add("cat > \"$azimg_script\" <<'" + delimiter + "'");
        lines.add(script.endsWith("\n") ? script.substring(0, script.length() - 1) : script);
        lines.add(delimiter);
        lines.add("chmod 0500 \"$azimg_script\"");
        if (runAs == null) {
            lines.add("\"$azimg_script\"");
        } else {
            TreeSet<String> names = new TreeSet<>(environment.keySet());
            names.addAll(secretNames);
            lines.add("chown -R " + runAs + " \"$azimg_dir\"");
            // sudo resets the environment: only the listed names pass, and the values never reach a command line.
            lines.add("sudo -H -u " + runAs + (names.isEmpty() ? "" : " --preserve-env=" + String.join(",", names))
                    + " -- \"$azimg_script\"");
        }
        lines.add("exit $?");
        return String.join("\n", lines) + "\n";
    }

    static String windows(String script, Map<String, String> environment, Collection<String> secretNames) {
        TreeSet<String> secrets = new TreeSet<>(secretNames);
        List<String> lines = new ArrayList<>();
        lines.add("# azure-image: values below; secrets arrive base64-encoded, so that spaces, quotes and & stay"
                + " intact.");
        if (!secrets.isEmpty()) {
            lines.add("param(" + String.join(", ", secrets.stream().map(n -> "[string]$" + n + " = ''").toList())
                    + ")");
        }
        lines.add("$azimgValues = @{}");
        environment.forEach((name, value) -> lines.add("$azimgValues['" + name + "'] = '" + value.replace("'", "''")
                + "'"));
        for (String name : secrets) {
            lines.add("$azimgValues['" + name + "'] = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($"
                    + name + "))");
        }
        lines.add("foreach ($n in $azimgValues.Keys) { [Environment]::SetEnvironmentVariable($n, $azimgValues[$n]) }");
        lines.add("$azimgScript = [scriptblock]::Create(" + powerShellText(script) + ")");
        // The script's own param() block gets the values it declares, as if Azure had passed them.
        lines.add("$azimgArgs = @{}");
        lines.add("if ($azimgScript.Ast.ParamBlock) { foreach ($p in $azimgScript.Ast.ParamBlock.Parameters) {"
                + " $n = $p.Name.VariablePath.UserPath; if ($azimgValues.ContainsKey($n)) { $azimgArgs[$n] ="
                + " $azimgValues[$n] } } }");
        lines.add("& $azimgScript @azimgArgs");
        lines.add("if ($LASTEXITCODE) { exit $LASTEXITCODE }");
        return String.join("\n", lines) + "\n";
    }

    /** How a value travels to a Windows script: base64 of its UTF-8 bytes, which PowerShell cannot misparse. */
    public static String windowsValue(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The script as a PowerShell string: a verbatim here-string, or base64 when the text would end it early. */
    private static String powerShellText(String script) {
        if (POWERSHELL_HERE_STRING_END.matcher(script).find()) {
            return "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('" + windowsValue(script) + "'))";
        }
        return "@'\n" + script.replace("\r\n", "\n") + "\n'@";
    }

    /** A single-quoted shell word: nothing in it is expanded. */
    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.Secret;
import java.time.Duration;
import java.util.Map;

/**
 * A script for a managed run command: its name on the VM, its text inline or (when too large to send inline) a
 * read-only URL of a staged copy, its limit (also the run command's timeoutInSeconds), its parameters (never empty:
 * the Linux handler does not set empty ones), its protected parameters (write-only on Azure, never logged), and
 * where its output goes (null: only the last 4 KB Azure keeps in the instance view).
 */
public record RunCommandRequest(String name, String text, Secret textUrl, Duration timeout,
                                Map<String, String> parameters, Map<String, Secret> protectedParameters,
                                ScriptLogs logs) {
    public RunCommandRequest {
        if ((text == null) == (textUrl == null)) {
            throw new IllegalArgumentException("a run command has either an inline script or a script URL");
        }
        parameters.forEach((key, value) -> {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("parameter " + key + " is empty: Azure would not set it");
            }
        });
    }

    /** An inline script without parameters or logs. */
    public static RunCommandRequest plain(String name, String text, Duration timeout) {
        return new RunCommandRequest(name, text, null, timeout, Map.of(), Map.of(), null);
    }
}

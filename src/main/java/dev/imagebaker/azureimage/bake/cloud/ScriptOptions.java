package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.Secret;
import java.time.Duration;
import java.util.Map;

/**
 * How a script runs: its limit (also the run command's own), the user it runs as (null: root or SYSTEM), its
 * parameters, and its protected parameters, which Azure never returns and the plugin never logs.
 */
public record ScriptOptions(Duration timeout, String runAs, Map<String, String> parameters,
                            Map<String, Secret> protectedParameters) {
    public static ScriptOptions plain(Duration timeout) {
        return new ScriptOptions(timeout, null, Map.of(), Map.of());
    }
}

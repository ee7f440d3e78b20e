package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.RawConfiguration;

/**
 * One {@code <script>}: options for a script of the scripts folder (by file name), or an inline script (name and
 * inline body): timeout, runAs (Linux), exitCodes (e.g. 0,3010), restartAfter.
 */
public class ScriptParameters {
    String name;
    String inline;
    String timeout;
    String runAs;
    String exitCodes;
    String restartAfter;

    RawConfiguration.ScriptEntry entry() {
        return new RawConfiguration.ScriptEntry(name, inline, timeout, runAs, exitCodes, restartAfter);
    }
}

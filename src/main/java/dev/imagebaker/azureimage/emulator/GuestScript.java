package dev.imagebaker.azureimage.emulator;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the emulated guest makes of a script, without running it: scripts are never executed on the host.
 * Only the effects Azure itself can observe matter: a deprovision (waagent -deprovision or sysprep /generalize)
 * kills the guest agent that reports run commands; a shutdown stops the VM; a command started in the background
 * lets the run command return first.
 */
record GuestScript(boolean deprovisions, boolean shutsDown, boolean detached, int lines) {
    private static final Pattern LINUX_DEPROVISION = Pattern.compile("waagent\\b[^\\n]*-deprovision");
    private static final Pattern SYSPREP = Pattern.compile("sysprep(\\.exe)?\\b[^\\n]*/generalize");
    private static final Pattern SHUTDOWN = Pattern.compile(
            "\\b(shutdown|poweroff|halt)\\b|/shutdown\\b|stop-computer");
    private static final Pattern DETACHED = Pattern.compile(
            "\\bnohup\\b|\\bsetsid\\b|\\bsystemd-run\\b|start-process\\b|&\\s*(\\n|$)|&\\s*disown");

    static GuestScript read(String script, boolean asyncExecution) {
        String text = script == null ? "" : script.toLowerCase(Locale.ROOT);
        boolean deprovisions = LINUX_DEPROVISION.matcher(text).find() || SYSPREP.matcher(text).find();
        boolean sysprepShutdown = SYSPREP.matcher(text).find() && text.contains("/shutdown");
        boolean shutsDown = sysprepShutdown || SHUTDOWN.matcher(text).find();
        boolean detached = asyncExecution || DETACHED.matcher(text).find();
        return new GuestScript(deprovisions, shutsDown, detached, text.isEmpty() ? 0 : text.split("\n").length);
    }
}

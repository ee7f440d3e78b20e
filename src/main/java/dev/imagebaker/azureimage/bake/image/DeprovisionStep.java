package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.CloudTimeoutException;
import dev.imagebaker.azureimage.bake.cloud.ScriptOptions;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.OsType;

/**
 * Generalizes the guest. waagent -deprovision and sysprep kill the agent that reports run commands, so a
 * synchronous run would never return: the command is started detached, and the step waits (bounded) for the
 * guest to shut itself down.
 */
final class DeprovisionStep implements Step<BakeContext> {
    static final String LINUX = String.join("\n",
            "#!/bin/sh",
            "# Detached: waagent -deprovision stops the agent that reports this run command.",
            "nohup sh -c 'sleep 5; /usr/sbin/waagent -force -deprovision+user && export HISTSIZE=0 && sync"
                    + " && shutdown -h now' >/dev/null 2>&1 &",
            "echo 'deprovision started'");
    static final String WINDOWS = String.join("\n",
            "# Sysprep needs the Azure guest agent services up; it then shuts the VM down itself.",
            "foreach ($service in 'RdAgent', 'WindowsAzureGuestAgent') {",
            "  while ((Get-Service $service).Status -ne 'Running') { Start-Sleep -Seconds 5 }",
            "}",
            "# Detached: sysprep stops the agent that reports this run command.",
            "Start-Process -FilePath \"$env:SystemRoot\\System32\\Sysprep\\Sysprep.exe\""
                    + " -ArgumentList '/generalize', '/oobe', '/shutdown', '/mode:vm', '/quiet'",
            "Write-Output 'sysprep started'");

    static final String SYSPREP_LOGS = String.join("\n",
            "$panther = \"$env:SystemRoot\\System32\\Sysprep\\Panther\"",
            "foreach ($log in 'setuperr.log', 'setupact.log') {",
            "  $file = Join-Path $panther $log",
            "  if (Test-Path $file) { Write-Output \"== $log\"; Get-Content -Tail 25 $file }",
            "}");

    /** The tail of sysprep's Panther logs, if the guest agent still answers; why not otherwise. */
    private static String sysprepLogs(BakeContext ctx) {
        java.time.Duration bound = java.time.Duration.ofMinutes(3).compareTo(ctx.config.timeouts().deprovision()) < 0
                ? java.time.Duration.ofMinutes(3) : ctx.config.timeouts().deprovision();
        try {
            ScriptRun logs = ctx.cloud.vms().runScript(ctx.vm, "azimg-sysprep-logs", SYSPREP_LOGS,
                    ScriptOptions.plain(bound));
            String output = logs.output() == null ? "" : logs.output().strip();
            return output.isEmpty() ? " Sysprep's Panther logs are empty." : " Sysprep's Panther logs end with:\n  | "
                    + String.join("\n  | ", output.split("\\R"));
        } catch (CloudException e) {
            return " Sysprep's Panther logs could not be read: the guest agent did not answer (" + e.getMessage()
                    + ").";
        }
    }

    @Override
    public String title(BakeContext ctx) {
        return ctx.config.osType() == OsType.LINUX
                ? "Deprovision the guest (waagent -deprovision+user, detached) and wait for it to stop"
                : "Generalize the guest (sysprep /generalize /oobe /shutdown /mode:vm, detached) and wait for it"
                        + " to stop";
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        boolean linux = ctx.config.osType() == OsType.LINUX;
        ScriptRun started = ctx.cloud.vms().runScript(ctx.vm, linux ? "azimg-deprovision" : "azimg-sysprep",
                linux ? LINUX : WINDOWS, ScriptOptions.plain(ctx.config.timeouts().script()));
        if (!started.succeeded()) {
            throw new StepFailedException(title(ctx), resource(ctx), null, "Could not start the generalization in the"
                    + " guest (" + started.executionState() + ", exit code " + started.exitCode() + "): "
                    + started.error(), "Check that the image has the Azure guest agent"
                    + (linux ? " (waagent)" : "") + ".", null);
        }
        try {
            ctx.cloud.vms().awaitStopped(ctx.vm, ctx.config.timeouts().deprovision());
        } catch (CloudTimeoutException e) {
            throw new StepFailedException(title(ctx), resource(ctx), null, "The guest did not shut down within "
                    + Durations.format(ctx.config.timeouts().deprovision()) + " after "
                    + (linux ? "waagent -deprovision" : "sysprep") + " was started."
                    + (linux ? "" : sysprepLogs(ctx)),
                    linux ? "Check the serial console of the VM (keep it with <keepOnFailure>); raise"
                            + " <timeouts><deprovision> if the guest is slow."
                            : "Sysprep often fails on pending updates or provisioned Appx packages (see the log above);"
                            + " keep the VM with <keepOnFailure> to look; raise <timeouts><deprovision> if it is"
                            + " only slow.", e);
        }
        return StepResult.CONTINUE;
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.CloudTimeoutException;
import dev.imagebaker.azureimage.bake.cloud.RunCommandRequest;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.bake.guest.ScriptExecution;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.OsType;
import java.time.Duration;

/**
 * Generalizes the guest.
 * <ul>
 * <li>Linux: {@code waagent -deprovision+user} stops the very agent that reports run commands (a WALinuxAgent
 * maintainer: "It's not a supported scenario", Azure/WALinuxAgent#3547), so it is started detached from an
 * asynchronous run command, and the step waits (bounded) for the guest to shut itself down.</li>
 * <li>Windows: the recipe that ends the IMAGE_STATE_UNDEPLOYABLE loops users report (Microsoft, "Generalize a VM";
 * Packer's azure-arm docs): agent services up, C:\Windows\Panther removed, {@code sysprep /generalize /oobe /quiet
 * /quit /mode:vm}, then ImageState polled until IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE (bounded, Panther's
 * setuperr.log on failure). The VM is then stopped and deallocated through Azure.</li>
 * </ul>
 */
final class DeprovisionStep implements Step<BakeContext> {
    static final String LINUX = String.join("\n",
            "#!/bin/sh",
            "# Detached: waagent -deprovision stops the agent that reports this run command.",
            "nohup sh -c 'sleep 5; /usr/sbin/waagent -force -deprovision+user && export HISTSIZE=0 && sync"
                    + " && shutdown -h now' >/dev/null 2>&1 &",
            "echo 'deprovision started'");
    static final String RESEALED = "IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE";
    /** %s: minutes to wait for the image state. */
    static final String WINDOWS = String.join("\n",
            "# Sysprep needs the Azure guest agent services up.",
            "foreach ($service in Get-Service -Name RdAgent, WindowsAzureGuestAgent -ErrorAction SilentlyContinue) {",
            "  while ((Get-Service $service.Name).Status -ne 'Running') { Start-Sleep -Seconds 5 }",
            "}",
            "# A Panther folder left by an earlier setup makes sysprep fail (Microsoft: Generalize a VM).",
            "if (Test-Path \"$env:SystemRoot\\Panther\") { Remove-Item -Recurse -Force \"$env:SystemRoot\\Panther\" }",
            "& \"$env:SystemRoot\\System32\\Sysprep\\Sysprep.exe\" /generalize /oobe /quiet /quit /mode:vm",
            "$deadline = (Get-Date).AddMinutes(%d)",
            "$state = ''",
            "while ((Get-Date) -lt $deadline) {",
            "  $state = (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\State').ImageState",
            "  Write-Output \"ImageState: $state\"",
            "  if ($state -eq '" + RESEALED + "') { exit 0 }",
            "  Start-Sleep -Seconds 10",
            "}",
            "Write-Output \"sysprep did not reach " + RESEALED + " (last: $state)\"",
            "$log = \"$env:SystemRoot\\System32\\Sysprep\\Panther\\setuperr.log\"",
            "if (Test-Path $log) { Get-Content -Tail 25 $log | ForEach-Object { Write-Output \"setuperr.log: $_\" } }",
            "exit 3");

    static final String SYSPREP_LOGS = String.join("\n",
            "$panther = \"$env:SystemRoot\\System32\\Sysprep\\Panther\"",
            "foreach ($log in 'setuperr.log', 'setupact.log') {",
            "  $file = Join-Path $panther $log",
            "  if (Test-Path $file) { Write-Output \"== $log\"; Get-Content -Tail 25 $file }",
            "}");

    @Override
    public String title(BakeContext ctx) {
        return ctx.config.osType() == OsType.LINUX
                ? "Deprovision the guest (waagent -deprovision+user, detached) and wait for it to stop"
                : "Generalize the guest (sysprep /generalize /oobe /quit /mode:vm) and wait for"
                        + " " + RESEALED;
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        if (ctx.config.osType() == OsType.LINUX) {
            linux(ctx);
        } else {
            windows(ctx);
        }
        return StepResult.CONTINUE;
    }

    private void linux(BakeContext ctx) {
        Duration bound = ctx.config.timeouts().deprovision();
        ctx.cloud.vms().startDetached(ctx.vm, RunCommandRequest.plain("azimg-deprovision", LINUX, bound));
        try {
            ctx.cloud.vms().awaitStopped(ctx.vm, bound);
        } catch (CloudTimeoutException e) {
            throw new StepFailedException(title(ctx), resource(ctx), null, "The guest did not shut down within "
                    + Durations.format(bound) + " after waagent -deprovision was started.", "Check the serial"
                    + " console of the VM (keep it with <keepOnFailure>); raise <timeouts><deprovision> if the guest is"
                    + " slow.", e);
        }
    }

    private void windows(BakeContext ctx) {
        Duration bound = ctx.config.timeouts().deprovision();
        long minutes = Math.max(1, bound.toMinutes() - 1);
        ScriptRun run = ctx.cloud.vms().runScript(ctx.vm, ScriptExecution.request(ctx.cloud, ctx.staging,
                ctx.vm, "azimg-sysprep", String.format(WINDOWS, minutes), bound, java.util.Map.of(), java.util.Map.of()),
                line -> ctx.progress.info("      | " + (line.error() ? "(stderr) " : "") + line.text()));
        if (run.succeeded()) {
            return;
        }
        boolean killed = run.exitCode() != null && run.exitCode() == -1;
        throw new StepFailedException(title(ctx), resource(ctx), null, "Sysprep did not reach " + RESEALED
                + (killed ? " within " + Durations.format(bound) + "." + sysprepLogs(ctx) : " (exit code "
                + run.exitCode() + ")." + ScriptExecution.tail(run.output() + "\n" + run.error())),
                "Sysprep often fails on pending updates or provisioned Appx packages (see setuperr.log above);"
                        + " keep the VM with <keepOnFailure> to look; raise <timeouts><deprovision> if it is only"
                        + " slow.", null);
    }

    /** The tail of sysprep's Panther logs, if the guest agent still answers; why not otherwise. */
    private static String sysprepLogs(BakeContext ctx) {
        Duration bound = Duration.ofMinutes(3);
        try {
            ScriptRun logs = ctx.cloud.vms().runScript(ctx.vm, RunCommandRequest.plain("azimg-sysprep-logs",
                    SYSPREP_LOGS, bound), line -> { });
            String output = logs.output() == null ? "" : logs.output().strip();
            return output.isEmpty() ? " Sysprep's Panther logs are empty." : " Sysprep's Panther logs end with:\n  | "
                    + String.join("\n  | ", output.split("\\R"));
        } catch (CloudException e) {
            return " Sysprep's Panther logs could not be read: the guest agent did not answer (" + e.getMessage()
                    + ").";
        }
    }
}

package dev.imagebaker.azureimage.bake.cloud;

import java.time.Duration;

/** The build VM: creation, scripts through managed run commands, and the power steps of generalization. */
public interface BuildVms {
    BuildVm create(BuildVmRequest request, Duration timeout);

    /**
     * Runs a script as a managed run command and waits for it, at most its timeout (the run command's own limit
     * is the same value).
     */
    ScriptRun runScript(BuildVm vm, String runName, String script, ScriptOptions options);

    /** Restarts the VM and waits until its guest agent is ready again, at most timeout. */
    void restart(BuildVm vm, Duration timeout);

    /** Waits until the guest has stopped (PowerState/stopped or deallocated), at most timeout. */
    void awaitStopped(BuildVm vm, Duration timeout);

    void deallocate(BuildVm vm, Duration timeout);

    /** Marks the VM generalized in Azure. */
    void generalize(BuildVm vm);
}

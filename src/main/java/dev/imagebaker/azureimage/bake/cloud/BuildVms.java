package dev.imagebaker.azureimage.bake.cloud;

import java.time.Duration;
import java.util.function.Consumer;

/** The build VM: creation, scripts through managed run commands, and the power steps of generalization. */
public interface BuildVms {
    BuildVm create(BuildVmRequest request, Duration timeout);

    /**
     * Runs a script as an asynchronous managed run command and waits for it (bounded by its timeout plus Azure's
     * reporting time), passing each line of its output to live as it arrives; a VM holds at most 25 run commands, so
     * when it holds many, the run command is deleted once read. A script Azure killed at its timeout ends Failed with
     * exit code -1.
     */
    ScriptRun runScript(BuildVm vm, RunCommandRequest request, Consumer<ScriptLine> live);

    /**
     * Starts a script that detaches itself (a deprovision): returns once Azure has started it, without waiting for
     * a result the guest may never report. The run command goes with the VM.
     */
    void startDetached(BuildVm vm, RunCommandRequest request);

    /** Restarts the VM and waits until its guest agent is ready again, at most timeout. */
    void restart(BuildVm vm, Duration timeout);

    /** Waits until the guest has stopped (PowerState/stopped or deallocated), at most timeout. */
    void awaitStopped(BuildVm vm, Duration timeout);

    /** Stops the VM through Azure (a guest that generalized itself without shutting down). */
    void powerOff(BuildVm vm, Duration timeout);

    void deallocate(BuildVm vm, Duration timeout);

    /**
     * Takes a full snapshot of the VM's OS disk as it is, running (crash-consistent: the guest idles between run
     * commands), next to the VM with the given tags; returns the snapshot's id once Azure has made it.
     */
    String snapshotOsDisk(BuildVm vm, String snapshotName, java.util.Map<String, String> tags, Duration timeout);

    /** Marks the VM generalized in Azure. */
    void generalize(BuildVm vm);

    /** The last lines of the VM's serial console log (boot diagnostics), when Azure has it. */
    java.util.Optional<String> serialLog(BuildVm vm, int lines);
}

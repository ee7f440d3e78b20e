package dev.imagebaker.azureimage.bake.cloud;

/**
 * The outcome of a script run on a VM: its execution state, the exit code when the script finished, and its output
 * streams as far as the plugin could read them.
 */
public record ScriptRun(ExecutionState executionState, Integer exitCode, String output, String error) {
    public boolean succeeded() {
        return executionState == ExecutionState.SUCCEEDED && exitCode != null && exitCode == 0;
    }
}

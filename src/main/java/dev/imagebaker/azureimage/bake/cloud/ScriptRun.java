package dev.imagebaker.azureimage.bake.cloud;

/**
 * The outcome of a script run on a VM: its execution state, the exit code when the script finished, its output
 * streams as far as the plugin could read them, and Azure's execution message (e.g. why the handler did not run it).
 */
public record ScriptRun(ExecutionState executionState, Integer exitCode, String output, String error,
                        String message) {
    public boolean succeeded() {
        return executionState == ExecutionState.SUCCEEDED && exitCode != null && exitCode == 0;
    }
}

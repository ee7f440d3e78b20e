package dev.imagebaker.azureimage.bake;

/**
 * The outcome of a script run on the build VM: executionState (Succeeded, Failed, TimedOut, ...), the exit code
 * when the script finished, and the tails of its output streams as Azure keeps them.
 */
public record ScriptRun(String executionState, Integer exitCode, String output, String error) {
    public boolean succeeded() {
        return "Succeeded".equalsIgnoreCase(executionState) && exitCode != null && exitCode == 0;
    }
}

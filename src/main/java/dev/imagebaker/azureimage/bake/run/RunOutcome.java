package dev.imagebaker.azureimage.bake.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a run ended: the failure (null on success), what cleanup could not delete, whether a step ended the plan
 * early, and how long each step took, in the order they started.
 */
public record RunOutcome(StepFailedException failure, List<String> leaks, boolean halted,
                         Map<String, Duration> stepTimes) {

    public boolean succeeded() {
        return failure == null;
    }

    /**
     * Throws the failure; after a success, throws when cleanup leaked, saying what was done (e.g. "The image
     * version X was made") and how to delete the leftovers.
     */
    public void throwIfFailed(Supplier<String> done, String deleteHint) {
        if (failure != null) {
            throw failure;
        }
        if (!leaks.isEmpty()) {
            throw new StepFailedException("cleanup", String.join(", ", leaks), null, done.get() + ", but the temporary"
                    + " resources above could not be deleted.", "Delete them (" + deleteHint + ") or run mvn"
                    + " azure-image:clean.", null);
        }
    }
}

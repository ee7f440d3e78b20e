package dev.imagebaker.azureimage.emulator;

import java.util.Locale;

/**
 * A VM's power state, as Azure reports it in the instance view ({@code PowerState/running}). A power action puts
 * the VM in a transitional state until its operation completes; {@link #settled()} is where each one ends.
 */
enum PowerState {
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    DEALLOCATING,
    DEALLOCATED,
    RESTARTING;

    /** The state as Azure words it in codes and messages ("deallocating"), and as the state file keeps it. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Azure's instance view status code, e.g. PowerState/running. */
    String code() {
        return "PowerState/" + word();
    }

    static PowerState of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    /** While a power operation runs, other power actions on the VM are refused. */
    boolean inTransition() {
        return this != settled();
    }

    /** The state a transition ends in when its operation completes; a settled state's own. */
    PowerState settled() {
        return switch (this) {
            case STARTING, RESTARTING -> RUNNING;
            case STOPPING -> STOPPED;
            case DEALLOCATING -> DEALLOCATED;
            default -> this;
        };
    }
}

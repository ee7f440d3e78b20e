package dev.imagebaker.azureimage.emulator;

import java.io.IOException;

/** The emulator's state file cannot be used: what is wrong with it, and what to do. */
public final class StateFileException extends IOException {
    private final String fix;

    StateFileException(String problem, String fix, Throwable cause) {
        super(problem, cause);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}

package dev.imagebaker.azureimage.emulator;

/**
 * The state one command of the guest shell runs in (its job's time line, its file descriptors, whether it surely
 * runs) and the signals that unwind the interpreter (exit, return, break, a halted guest).
 */
final class ShellRuntime {
    private ShellRuntime() {
    }

    /** Where a job is in its own time line (nominal seconds from the script's start). */
    static final class Cursor {
        double now;

        Cursor(double now) {
            this.now = now;
        }
    }

    /** Where stdout and stderr go: the run command's streams, nowhere, a file, or the next command in a pipe. */
    sealed interface Sink {
        Sink OUT = new Terminal(GuestRun.Stream.OUT);
        Sink ERR = new Terminal(GuestRun.Stream.ERR);
        Sink NULL = new Discard();

        record Terminal(GuestRun.Stream stream) implements Sink {
        }

        record Discard() implements Sink {
        }

        record ToFile(String path, boolean append) implements Sink {
        }

        record Capture(StringBuilder text) implements Sink {
        }
    }

    /** File descriptors 1 and 2; exec with redirections alone changes them for the rest of the process. */
    static final class Fds {
        Sink out;
        Sink err;

        Fds(Sink out, Sink err) {
            this.out = out;
            this.err = err;
        }

        Fds copy() {
            return new Fds(out, err);
        }
    }

    /**
     * How one command runs: when, in which job, whether surely, with which fds and stdin; origin is when the
     * script's own process set the job going (null in that process itself): a kill after it leaves the job be.
     */
    record Ctx(Cursor cursor, GuestRun.Job job, boolean certain, Fds fds, String stdin, boolean inCondition,
               Double origin) {
        Ctx maybe() {
            return new Ctx(cursor, job, false, fds, stdin, inCondition, origin);
        }

        Ctx condition() {
            return new Ctx(cursor, job, certain, fds, stdin, true, origin);
        }

        Ctx with(Fds newFds, String newStdin) {
            return new Ctx(cursor, job, certain, newFds, newStdin, inCondition, origin);
        }

        /** Work forked off now onto its own time line (or the same one) and job. */
        Ctx in(Cursor c, GuestRun.Job j) {
            return new Ctx(c, j, certain, fds, stdin, inCondition, origin != null ? origin : cursor.now);
        }

        /** When the script set the current work going: its fork, or for the script's own commands now. */
        double started() {
            return origin != null ? origin : cursor.now;
        }
    }

    /** exit, or a failure that ends the shell (set -e, an expansion error). */
    static final class Exit extends RuntimeException {
        final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    static final class Return extends RuntimeException {
        final int status;

        Return(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    static final class LoopControl extends RuntimeException {
        final boolean next;

        LoopControl(boolean next) {
            super(null, null, false, false);
            this.next = next;
        }
    }

    /** The job cannot go on: the guest powered off, or a step hangs for ever. */
    static final class Halt extends RuntimeException {
        Halt() {
            super(null, null, false, false);
        }
    }

    /** A command that would fail the shell in code that only maybe runs: the command is dropped instead. */
    static final class Dropped extends RuntimeException {
        Dropped() {
            super(null, null, false, false);
        }
    }
}

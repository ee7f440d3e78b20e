package dev.imagebaker.azureimage.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What an emulated guest does with one script, worked out without running anything: the bytes the script writes
 * to stdout and stderr and when, what it does to the guest (deprovision, sysprep, shutdown) and when, and how it
 * ends. Times are nominal seconds from the script's start; the run command maps them onto the emulator's clock.
 */
final class GuestRun {
    enum Stream { OUT, ERR }

    /**
     * How far a piece of work is from the script's own process. The handler's timeout kills only the shell it
     * started (exec.CommandContext, run-command-handler-linux internal/exec/exec.go); deleting the run command
     * kills that shell's whole process group (internal/pid/pid.go, kill(-pid)); a new session or a service
     * (setsid, systemd-run, at) escapes both.
     */
    enum Job { FOREGROUND, GROUP, DETACHED }

    /** What a guest does to itself that Azure can observe. */
    enum Effect {
        /** The guest agent stops answering: waagent -deprovision stops its own service first. */
        AGENT_STOPPED,
        /** The guest is deprovisioned (Linux) or generalized by sysprep (Windows: IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE). */
        GENERALIZED,
        /** The guest powers itself off; its agent goes with it. */
        POWERED_OFF,
        /** Sysprep /generalize starts: ImageState becomes IMAGE_STATE_UNDEPLOYABLE. */
        SYSPREP_STARTED
    }

    record Chunk(double at, Stream stream, byte[] bytes, Job job) {
    }

    /**
     * An effect at a time, from work the script set going at startedAt: the command itself, or the fork of the
     * background job it is in. A kill of the script before startedAt means the work never happens.
     */
    record Change(double at, Effect effect, Job job, double startedAt) {
    }

    final List<Chunk> chunks = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();
    /** When the script's own process ends; null when it never does by itself. */
    Double end;
    int exitCode;
    /** A failure of the handler itself (the script never ran): the text after "Execution failed: ". */
    String handlerError;

    void write(double at, Stream stream, String text, Job job) {
        if (!text.isEmpty()) {
            chunks.add(new Chunk(at, stream, text.getBytes(StandardCharsets.UTF_8), job));
        }
    }

    void change(double at, Effect effect, Job job, double startedAt) {
        changes.add(new Change(at, effect, job, startedAt));
    }

    void ends(double at, int exitCode) {
        this.end = at;
        this.exitCode = exitCode;
    }

    /** The handler failed before the script ran, with an exit code of its own (-100, -101, -202...). */
    static GuestRun handlerFailure(int exitCode, String message) {
        GuestRun run = new GuestRun();
        run.ends(0, exitCode);
        run.handlerError = message;
        return run;
    }

    /** Everything one stream has produced up to a time, of the jobs still reporting into it. */
    byte[] produced(Stream stream, double upTo) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Chunk c : chunks) {
            if (c.stream == stream && c.at <= upTo) {
                out.writeBytes(c.bytes);
            }
        }
        return out.toByteArray();
    }

    /** The message the instance view shows when the run ends failed. */
    String failureMessage() {
        return handlerError != null ? handlerError
                : "failed to execute command: command terminated with exit status=" + exitCode;
    }
}

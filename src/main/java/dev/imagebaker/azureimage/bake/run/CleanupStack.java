package dev.imagebaker.azureimage.bake.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What to undo, most recent first (Packer's multistep): each step that creates something pushes its cleanup
 * before it starts creating, so that a failure or Ctrl-C at any point leaves nothing behind.
 */
public final class CleanupStack {

    /** One cleanup action. */
    public interface Action {
        void run() throws Exception;
    }

    /** When an entry runs. */
    public enum When {
        /** A temporary resource: removed after every bake, kept after a failure only if keepOnFailure says so. */
        ALWAYS,
        /** A half-made result (a version being captured): removed only when the bake fails. */
        ON_FAILURE,
        /**
         * Evidence to show when the bake fails, before anything is deleted (a VM's serial console log); never kept
         * back by keepOnFailure, never a leak: the action handles its own errors.
         */
        REPORT_ON_FAILURE
    }

    record Entry(String description, When when, Action action) {
    }

    /** Registers evidence to print if the run fails, while the resource it comes from still exists. */
    public synchronized void reportOnFailure(String description, Runnable report) {
        entries.push(new Entry(description, When.REPORT_ON_FAILURE, report::run));
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private boolean taken;

    public synchronized void push(String description, When when, Action action) {
        entries.push(new Entry(description, when, action));
    }

    /** Takes every entry once, most recent first; later calls (e.g. from the shutdown hook) get nothing. */
    synchronized List<Entry> takeAll() {
        if (taken) {
            return List.of();
        }
        taken = true;
        List<Entry> all = new ArrayList<>(entries);
        entries.clear();
        return all;
    }
}

package dev.imagebaker.azureimage.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Plays a modelled script ({@link GuestRun}) onto the emulator's clock, as run-command-handler-linux reports it
 * (internal/cmds/cmds.go): every updateStatusInSeconds = 15 s it reports the last maxTailLen = 4096 bytes of each
 * stream and appends what is new to the output and error blobs; when the script ends (or its timeout kills it) it
 * appends the rest and reports the end, which Azure shows after Latency.RUN_COMMAND. A report needs the guest
 * agent: once the agent is stopped (a deprovision) or the VM is off, nothing more is reported, as on Azure.
 * The effects on the guest (agent stopped, generalized, powered off) happen at their time, unless a kill reached
 * the work that was doing them first.
 */
final class GuestExecution {
    static final int TICK_SECONDS = 15;
    static final int MAX_TAIL = 4096;

    /** What the run command makes of the reports. */
    interface Listener {
        void progress(String output, String error);

        /** The end, as the handler reports it: the exit code, and the failure text (null on success). */
        void ended(int exitCode, String failure, String output, String error, Instant endTime);
    }

    /** An append blob the handler writes a stream to; the URL holds the SAS and lives in memory only. */
    static final class Sink {
        final String url;
        final GuestRun.Stream stream;
        int appended;

        Sink(String url, GuestRun.Stream stream) {
            this.url = url;
            this.stream = stream;
        }
    }

    private final CloudState cloud;
    private final BlobApi blobs;
    private final String baseUrl;
    private final Resource vm;
    private final GuestRun run;
    private final Instant start;
    private final Double reportEnd;
    private final boolean timedOut;
    private final List<Sink> sinks;
    private final Listener listener;
    private Instant killedAt;
    private boolean finalWritten;
    private final List<Double> extraTimes = new ArrayList<>();
    private final List<Runnable> extraActions = new ArrayList<>();

    /**
     * timeoutSeconds: null for none. A script that outlives it is killed then: exit status -1, as Go reports a
     * process killed by a signal (run-command-handler-linux internal/exec/exec.go, exec.CommandContext).
     */
    GuestExecution(CloudState cloud, BlobApi blobs, String baseUrl, Resource vm, GuestRun run, Instant start,
                   Long timeoutSeconds, List<Sink> sinks, Listener listener) {
        this.cloud = cloud;
        this.blobs = blobs;
        this.baseUrl = baseUrl;
        this.vm = vm;
        this.run = run;
        this.start = start;
        this.timedOut = timeoutSeconds != null && (run.end == null || run.end > timeoutSeconds);
        this.reportEnd = timedOut ? Double.valueOf(timeoutSeconds) : run.end;
        this.sinks = sinks;
        this.listener = listener;
        run.chunks.sort(Comparator.comparingDouble(GuestRun.Chunk::at));
    }

    /** When Azure shows the end, or null when it never will by the script's own doing. */
    Instant visibleEnd() {
        return reportEnd == null ? null : at(reportEnd + Latency.RUN_COMMAND.nominal().toSeconds());
    }

    private Instant at(double nominal) {
        return cloud.clock.at(start, nominal);
    }

    /**
     * Adds an action at a nominal time, ordered with the run's own events (after those at the same time): a
     * deadline must come after what happens before it even when the time scale maps both to one instant.
     */
    void alsoAt(double nominal, Runnable action) {
        extraTimes.add(nominal);
        extraActions.add(action);
    }

    /** Schedules the reports and the effects; the first report (Running) is the caller's, at start. */
    void start() {
        TreeSet<Double> ticks = new TreeSet<>();
        for (GuestRun.Chunk c : run.chunks) {
            double tick = (Math.floor(c.at() / TICK_SECONDS) + 1) * TICK_SECONDS;
            if (reportEnd == null || tick < reportEnd) {
                ticks.add(tick);
            }
        }
        List<Runnable> order = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        List<Integer> kinds = new ArrayList<>();
        for (double tick : ticks) {
            times.add(tick);
            kinds.add(0);
            order.add(() -> tick(tick));
        }
        if (reportEnd != null) {
            double end = reportEnd;
            times.add(end);
            kinds.add(0);
            order.add(this::scriptEnded);
            times.add(end + Latency.RUN_COMMAND.nominal().toSeconds());
            kinds.add(0);
            order.add(this::endShown);
        }
        for (GuestRun.Change change : run.changes) {
            // The timeout kills the script's shell only: what it had set going goes on, what it had not never starts.
            if (!timedOut || change.startedAt() <= reportEnd) {
                times.add(change.at());
                kinds.add(1);
                order.add(() -> apply(change));
            }
        }
        for (int i = 0; i < extraTimes.size(); i++) {
            times.add(extraTimes.get(i));
            kinds.add(2);
            order.add(extraActions.get(i));
        }
        // At one time the handler's report comes before the effects: a detached deprovision that starts when the
        // script ends does not beat the report of that end.
        Integer[] index = new Integer[order.size()];
        Arrays.setAll(index, i -> i);
        Arrays.sort(index, Comparator.comparingDouble((Integer i) -> times.get(i)).thenComparingInt(kinds::get));
        for (int i : index) {
            cloud.operations.schedule(at(times.get(i)), order.get(i));
        }
    }

    /** Deleting the run command, or running it anew, kills the script's process group at once. */
    void kill() {
        if (killedAt == null) {
            killedAt = cloud.clock.now();
        }
    }

    private boolean reporting() {
        return killedAt == null && cloud.inventory.get(vm.id) == vm && vm.state.path("agentAlive").asBoolean()
                && VmState.power(vm) == PowerState.RUNNING;
    }

    private void tick(double t) {
        if (reporting()) {
            appendBlobs(t);
            listener.progress(tail(GuestRun.Stream.OUT, t), tail(GuestRun.Stream.ERR, t));
        }
    }

    private void scriptEnded() {
        if (reporting()) {
            appendBlobs(reportEnd);
            finalWritten = true;
        }
    }

    private void endShown() {
        if (finalWritten && killedAt == null && cloud.inventory.get(vm.id) == vm) {
            int exit = timedOut ? -1 : run.exitCode;
            String failure = timedOut ? "failed to execute command: command terminated with exit status=-1"
                    : run.handlerError != null || exit != 0 ? run.failureMessage() : null;
            listener.ended(exit, failure, tail(GuestRun.Stream.OUT, reportEnd), tail(GuestRun.Stream.ERR, reportEnd),
                    at(reportEnd));
        }
    }

    private void apply(GuestRun.Change change) {
        // A deletion kills the process group: work in it stops; work set going after it never was.
        if (cloud.inventory.get(vm.id) != vm || killedAt != null && (at(change.startedAt()).isAfter(killedAt)
                || change.job() != GuestRun.Job.DETACHED && at(change.at()).isAfter(killedAt))) {
            return;
        }
        switch (change.effect()) {
            case AGENT_STOPPED -> vm.state.put("agentAlive", false);
            case GENERALIZED -> vm.state.put("deprovisioned", true);
            case POWERED_OFF -> {
                vm.state.put("agentAlive", false);
                if (VmState.power(vm) == PowerState.RUNNING) {
                    VmState.setPower(vm, PowerState.STOPPED);
                }
            }
            case SYSPREP_STARTED -> {
            }
        }
    }

    /** The last 4096 bytes the stream produced up to t: bytes, not characters, as files.TailFile reads them. */
    private String tail(GuestRun.Stream stream, double t) {
        byte[] all = run.produced(stream, t);
        byte[] last = all.length <= MAX_TAIL ? all : Arrays.copyOfRange(all, all.length - MAX_TAIL, all.length);
        return new String(last, StandardCharsets.UTF_8);
    }

    /** One Append Block per stream with everything new; a failed append is retried whole next time, as the handler does. */
    private void appendBlobs(double t) {
        for (Sink sink : sinks) {
            byte[] all = run.produced(sink.stream, t);
            if (all.length > sink.appended) {
                try {
                    blobs.appendBlock(sink.url, baseUrl, Arrays.copyOfRange(all, sink.appended, all.length));
                    sink.appended = all.length;
                } catch (BlobException failed) {
                    // The handler only logs a failed append (cmds.go appendToBlob); the run goes on.
                }
            }
        }
    }
}

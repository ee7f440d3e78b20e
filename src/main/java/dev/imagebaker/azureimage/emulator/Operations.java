package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * Long-running operations as ARM runs them: the first response is 201/202 with an absolute
 * Azure-AsyncOperation URL (and Location for POST and DELETE); the status URL says InProgress until the
 * operation is due, then Succeeded, Failed or Canceled. State changes happen when an operation completes, and
 * so do the emulator's own timers (what a guest does while a script runs): every one that is due runs before a
 * request is answered, strictly in the order of its due time, then of its creation.
 */
final class Operations {

    /** What happens when an operation completes. */
    interface Completion {
        /** Applies the change; returns the result body for the Location URL, or null. May throw ArmException. */
        JsonNode succeed();

        /** Undoes or marks what the operation started when it ends Failed. */
        default void fail(ArmError error) {
        }
    }

    static final class Op {
        final String id;
        final String subscription;
        final String namespace;
        final String location;
        final Instant started;
        Instant dueAt;
        /** When the operation is expected to end, for Retry-After; dueAt may be a deadline that is rarely hit. */
        Instant expectedAt;
        final long sequence;
        final Completion completion;
        final ArmError injectedFailure;
        String status = "InProgress";
        ArmError error;
        JsonNode result;
        Instant ended;
        /**
         * What the Location URL answers once the operation succeeded without a result body: 204, or 200 for an action
         * (POST), whose spec declares only 200 and 202 (see {@link CloudState#accepted}).
         */
        int emptyResultStatus = 204;

        Op(String id, String subscription, String namespace, String location, Instant started, Instant dueAt,
           long sequence, Completion completion, ArmError injectedFailure) {
            this.id = id;
            this.subscription = subscription;
            this.namespace = namespace;
            this.location = location;
            this.started = started;
            this.dueAt = dueAt;
            this.expectedAt = dueAt;
            this.sequence = sequence;
            this.completion = completion;
            this.injectedFailure = injectedFailure;
        }

        boolean done() {
            return !status.equals("InProgress");
        }
    }

    private final Map<String, Op> ops = new LinkedHashMap<>();
    private final PriorityQueue<Op> pending = new PriorityQueue<>(
            Comparator.comparing((Op o) -> o.dueAt).thenComparingLong(o -> o.sequence));
    private final Clock clock;
    private long sequence;

    Operations(Clock clock) {
        this.clock = clock;
    }

    /** Starts an operation that completes at dueAt (null: never, as a guest that stopped answering). */
    Op start(String subscription, String namespace, String location, Instant dueAt, Completion completion,
             ArmError injectedFailure) {
        String id = UUID.randomUUID().toString();
        Op op = new Op(id, subscription, namespace, location == null ? "global" : location, clock.now(), dueAt,
                sequence++, completion, injectedFailure);
        ops.put(id, op);
        if (dueAt != null) {
            pending.add(op);
        }
        return op;
    }

    /** Runs action at the given time: an emulator timer, not an ARM operation (no client can see it). */
    void schedule(Instant at, Runnable action) {
        Op timer = new Op("timer", "", "", "global", clock.now(), at, sequence++, () -> {
            action.run();
            return null;
        }, null);
        pending.add(timer);
    }

    /** Makes a pending operation due now, e.g. when the guest reports before the deadline the operation had. */
    void dueNow(Op op) {
        if (op.done()) {
            return;
        }
        pending.remove(op);
        op.dueAt = clock.now();
        pending.add(op);
    }

    /** Ends an operation at once as Canceled, as ARM does when a newer operation preempts it. */
    void cancel(Op op, ArmError error) {
        if (op.done()) {
            return;
        }
        pending.remove(op);
        op.ended = clock.now();
        op.status = "Canceled";
        op.error = error;
        op.completion.fail(error);
    }

    Op get(String id) {
        return ops.get(id);
    }

    /**
     * Completes every operation and timer that is due, in order, including those that completing others makes due;
     * returns how many ran.
     */
    int advance() {
        Instant now = clock.now();
        int count = 0;
        while (!pending.isEmpty() && !pending.peek().dueAt.isAfter(now)) {
            Op op = pending.poll();
            if (!op.done()) {
                complete(op);
                count++;
            }
        }
        return count;
    }

    private void complete(Op op) {
        op.ended = clock.now();
        if (op.injectedFailure != null) {
            fail(op, op.injectedFailure);
            return;
        }
        try {
            op.result = op.completion.succeed();
            op.status = "Succeeded";
        } catch (ArmException e) {
            fail(op, e.toError());
        }
    }

    private void fail(Op op, ArmError error) {
        op.status = "Failed";
        op.error = error;
        op.completion.fail(error);
    }

    /** The body of the Azure-AsyncOperation status URL. */
    ObjectNode statusBody(Op op) {
        ObjectNode body = Json.object();
        body.put("name", op.id);
        body.put("status", op.status);
        body.put("startTime", op.started.toString());
        if (op.ended != null) {
            body.put("endTime", op.ended.toString());
        }
        if (op.error != null) {
            body.set("error", op.error.toJson());
        }
        return body;
    }

    /** Seconds a client should wait before polling again, or null when it should poll at its own pace. */
    Integer retryAfter(Op op) {
        if (op.done() || op.expectedAt == null) {
            return null;
        }
        long seconds = Duration.between(clock.now(), op.expectedAt).toSeconds();
        return seconds >= 1 ? (int) Math.min(seconds, 30) : null;
    }

    String statusUrl(String baseUrl, Op op, String apiVersion) {
        return baseUrl + "/subscriptions/" + op.subscription + "/providers/" + op.namespace + "/locations/"
                + op.location + "/operations/" + op.id + "?api-version=" + apiVersion;
    }

    String resultUrl(String baseUrl, Op op, String apiVersion) {
        return baseUrl + "/subscriptions/" + op.subscription + "/providers/" + op.namespace + "/locations/"
                + op.location + "/operationResults/" + op.id + "?api-version=" + apiVersion;
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Long-running operations as ARM runs them: the first response is 201/202 with an absolute
 * Azure-AsyncOperation URL (and Location for POST and DELETE); the status URL says InProgress until the
 * operation is due, then Succeeded or Failed. State changes happen when an operation completes.
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
        final Instant dueAt;
        final long sequence;
        final Completion completion;
        final ArmError injectedFailure;
        String status = "InProgress";
        ArmError error;
        JsonNode result;
        Instant ended;

        Op(String id, String subscription, String namespace, String location, Instant started, Instant dueAt,
           long sequence, Completion completion, ArmError injectedFailure) {
            this.id = id;
            this.subscription = subscription;
            this.namespace = namespace;
            this.location = location;
            this.started = started;
            this.dueAt = dueAt;
            this.sequence = sequence;
            this.completion = completion;
            this.injectedFailure = injectedFailure;
        }

        boolean done() {
            return !status.equals("InProgress");
        }
    }

    private final Map<String, Op> ops = new LinkedHashMap<>();
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
        return op;
    }

    Op get(String id) {
        return ops.get(id);
    }

    /** Completes every operation that is due, oldest first, so that state changes happen in order; returns how many. */
    int advance() {
        Instant now = clock.now();
        List<Op> due = new ArrayList<>();
        for (Op op : ops.values()) {
            if (!op.done() && op.dueAt != null && !op.dueAt.isAfter(now)) {
                due.add(op);
            }
        }
        due.sort(Comparator.comparing((Op o) -> o.dueAt).thenComparingLong(o -> o.sequence));
        for (Op op : due) {
            complete(op);
        }
        return due.size();
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
        if (op.done() || op.dueAt == null) {
            return null;
        }
        long seconds = Duration.between(clock.now(), op.dueAt).toSeconds();
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

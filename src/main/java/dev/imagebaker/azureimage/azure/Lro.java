package dev.imagebaker.azureimage.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.CloudTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs Azure calls with bounded waits, translating SDK errors into the bake's CloudException. Two SDK habits
 * are mended here: a long-running operation that ends Failed yields a null result instead of an error, and a
 * failed final GET of a PUT yields an empty object.
 */
final class Lro {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Lro() {
    }

    /**
     * Waits for a long-running operation at most timeout and returns its result; Failed becomes an error. typical:
     * how long the operation usually takes on Azure (see PollSchedule).
     */
    static <T> T await(Supplier<SyncPoller<?, T>> start, Duration timeout, String what, Duration typical) {
        SyncPoller<?, T> poller = call(start);
        awaitSucceeded(poller, timeout, what, typical);
        return call(poller::getFinalResult);
    }

    /**
     * Like {@link #await} when the caller needs no result: Succeeded is the end, with no final GET of the resource
     * (or of the Location URL) that the SDK would send to build one. The caller knows the resource's id.
     */
    static void awaitDone(Supplier<SyncPoller<?, ?>> start, Duration timeout, String what, Duration typical) {
        awaitSucceeded(call(start), timeout, what, typical);
    }

    private static void awaitSucceeded(SyncPoller<?, ?> poller, Duration timeout, String what, Duration typical) {
        PollResponse<?> last;
        try {
            last = pollUntilDone(poller, timeout, what, new PollSchedule(typical));
        } catch (ManagementException e) {
            throw translate(e);
        }
        if (last.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            throw failed(last, what);
        }
    }

    /**
     * The first wait is the SDK's: Azure's Retry-After on its answer to our request, else the schedule's first
     * interval. After that the SDK would repeat that Retry-After for every poll whose response has none (it carries
     * the last value over), so we wait by the schedule and honour a Retry-After only when it changed, i.e. when Azure
     * sent a new one. Waits in Azure's time pass through the SDK's delay provider (the emulator's time scale).
     */
    private static PollResponse<?> pollUntilDone(SyncPoller<?, ?> poller, Duration timeout, String what,
                                                 PollSchedule schedule) {
        Instant deadline = Instant.now().plus(timeout);
        poller.setPollInterval(scaled(schedule.next()));
        PollResponse<?> last;
        try {
            last = poller.waitUntil(timeout, LongRunningOperationStatus.IN_PROGRESS);
        } catch (RuntimeException e) {
            if (hasCause(e, TimeoutException.class)) {
                throw new CloudTimeoutException(what, timeout);
            }
            throw e;
        }
        Duration carried = last.getRetryAfter();
        while (!last.getStatus().isComplete()) {
            Duration remaining = Duration.between(Instant.now(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                throw new CloudTimeoutException(what, timeout);
            }
            Duration retryAfter = last.getRetryAfter();
            boolean fresh = retryAfter != null && retryAfter.compareTo(Duration.ZERO) > 0
                    && !retryAfter.equals(carried);
            carried = retryAfter;
            Duration wait = fresh ? retryAfter : scaled(schedule.next());
            pause(wait.compareTo(remaining) < 0 ? wait : remaining, what);
            last = poller.poll();
        }
        return last;
    }

    private static Duration scaled(Duration azureTime) {
        return ResourceManagerUtils.InternalRuntimeContext.getDelayDuration(azureTime);
    }

    private static void pause(Duration wait, String what) {
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("OperationInterrupted", 0, what + " was interrupted while waiting for Azure");
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Like {@link #await} for a resource: when the result came back without its id (the SDK swallowed an error of
     * the final GET), reads the resource again, so that a real error surfaces with its code.
     */
    static <T> T awaitResource(Supplier<SyncPoller<?, T>> start, Duration timeout, String what, Duration typical,
                               Function<T, String> idOf, Supplier<T> read) {
        T result = await(start, timeout, what, typical);
        return result != null && idOf.apply(result) != null ? result : call(read);
    }

    /** The error of an operation that ended Failed or Canceled, with the code from Azure's status body. */
    static CloudException failed(PollResponse<?> last, String what) {
        String code = null;
        String message = what + " ended " + last.getStatus();
        int status = 0;
        if (last.getValue() instanceof PollResult<?> result && result.getError() != null) {
            PollResult.Error error = result.getError();
            status = error.getResponseStatusCode();
            try {
                JsonNode body = error.getResponseBody() == null ? null : JSON.readTree(error.getResponseBody());
                JsonNode e = body == null ? null : body.path("error");
                if (e != null && e.has("code")) {
                    code = e.path("code").asText();
                    message = e.path("message").asText(message);
                }
            } catch (java.io.IOException unreadable) {
                message = message + ": " + error.getMessage();
            }
            if (code == null && status >= 400) {
                code = codeFor(status);
            }
        }
        return new CloudException(code == null ? "OperationFailed" : code, status, message);
    }

    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ManagementException e) {
            throw translate(e);
        }
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    static CloudException translate(ManagementException e) {
        String code = e.getValue() == null ? null : e.getValue().getCode();
        String message = e.getValue() == null || e.getValue().getMessage() == null ? e.getMessage()
                : e.getValue().getMessage();
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        return new CloudException(code == null ? codeFor(status) : code, status, message, e);
    }

    /** What an error without a body (a HEAD's, say) means, by its status, as ARM uses them. */
    static String codeFor(int status) {
        return switch (status) {
            case 401 -> "AuthenticationFailed";
            case 403 -> "AuthorizationFailed";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalServerError";
            case 503 -> "ServiceUnavailable";
            default -> "HttpStatus" + status;
        };
    }

    static boolean isNotFound(ManagementException e) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == 404;
    }
}

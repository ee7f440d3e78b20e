package dev.imagebaker.azureimage.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import dev.imagebaker.azureimage.bake.CloudException;
import dev.imagebaker.azureimage.bake.CloudTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Runs Azure calls with bounded waits, translating SDK errors into the bake's CloudException. */
final class Lro {
    private Lro() {
    }

    /** Waits for a long-running operation at most timeout and returns its result. */
    static <T> T await(Supplier<SyncPoller<?, T>> start, Duration timeout, String what) {
        SyncPoller<?, T> poller = call(start);
        PollResponse<?> last;
        try {
            last = poller.waitForCompletion(timeout);
        } catch (ManagementException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            if (hasCause(e, TimeoutException.class)) {
                throw new CloudTimeoutException(what, timeout);
            }
            throw e;
        }
        if (last.getStatus() == LongRunningOperationStatus.IN_PROGRESS) {
            throw new CloudTimeoutException(what, timeout);
        }
        // A failed operation makes getFinalResult throw the ManagementException with Azure's error code.
        return call(poller::getFinalResult);
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
        return new CloudException(code == null ? "HttpStatus" + status : code, status, message, e);
    }

    static boolean isNotFound(ManagementException e) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == 404;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

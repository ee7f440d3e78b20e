package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One injected fault. Operations are named as Azure names them for RBAC, e.g.
 * {@code Microsoft.Compute/virtualMachines/write} or {@code Microsoft.Compute/virtualMachines/deallocate/action};
 * {@code *} matches any run of characters. {@code resource} optionally narrows the rule to resources whose name
 * matches. A rule fires {@code times} times, or always when times is negative. The capacity faults
 * ({@link #quotaExceeded}, {@link #skuNotAvailable}, {@link #allocationFailed} and its kin) answer with Azure's
 * codes and messages; in a JSON fault file they are kinds QUOTA_EXCEEDED ("limit", "quota":"family") and
 * SKU_NOT_AVAILABLE, or OPERATION_FAILED with code AllocationFailed (the message then defaults to Azure's).
 */
public final class FaultRule {

    /** What the fault does. */
    public enum Kind {
        /** Answer the request with an HTTP error and an ARM error code. */
        HTTP_ERROR,
        /** Answer 429 TooManyRequests with Retry-After. */
        THROTTLE,
        /** Accept the request, then let its long-running operation end Failed with the code. */
        OPERATION_FAILED,
        /** A run command whose script exits with exitCode and prints stdout/stderr. */
        SCRIPT_EXIT,
        /** A run command whose script never finishes (until its timeout). */
        SCRIPT_HANG,
        /** A VM PUT refused at once: 409 OperationNotAllowed, the cores quota would be exceeded. */
        QUOTA_EXCEEDED,
        /** A VM PUT refused at once: 409 SkuNotAvailable, the size cannot be had in the region now. */
        SKU_NOT_AVAILABLE
    }

    private static final String VM_WRITE = "Microsoft.Compute/virtualMachines/write";
    private final Kind kind;
    private String operation;
    private String resource;
    private int times = 1;
    private int status = 500;
    private String code = "InternalServerError";
    private String message = "Injected fault.";
    private int retryAfterSeconds = 1;
    private int exitCode = 1;
    private String stdout = "";
    private String stderr = "";
    private int limit = -1;
    private boolean familyQuota;

    private FaultRule(Kind kind, String operation) {
        this.kind = kind;
        this.operation = operation;
    }

    public static FaultRule httpError(String operation, int status, String code, String message) {
        FaultRule rule = new FaultRule(Kind.HTTP_ERROR, operation);
        rule.status = status;
        rule.code = code;
        rule.message = message;
        return rule;
    }

    public static FaultRule throttle(String operation, int retryAfterSeconds) {
        FaultRule rule = new FaultRule(Kind.THROTTLE, operation);
        rule.status = 429;
        rule.code = "TooManyRequests";
        rule.message = "The request is being throttled.";
        rule.retryAfterSeconds = retryAfterSeconds;
        return rule;
    }

    public static FaultRule operationFailed(String operation, String code, String message) {
        FaultRule rule = new FaultRule(Kind.OPERATION_FAILED, operation);
        rule.code = code;
        rule.message = message;
        return rule;
    }

    /** A script (a run command, selected by its name with {@link #resource}) that exits with exitCode. */
    public static FaultRule scriptExit(int exitCode, String stdout, String stderr) {
        FaultRule rule = new FaultRule(Kind.SCRIPT_EXIT, "Microsoft.Compute/virtualMachines/runCommands/write");
        rule.exitCode = exitCode;
        rule.stdout = stdout;
        rule.stderr = stderr;
        return rule;
    }

    public static FaultRule scriptHang() {
        return new FaultRule(Kind.SCRIPT_HANG, "Microsoft.Compute/virtualMachines/runCommands/write");
    }

    /**
     * The VM PUT exceeds the subscription's Total Regional Cores quota of {@code limit} vCPUs: a synchronous 409
     * OperationNotAllowed whose message carries Azure's numbers (usage counted from the VMs allocated in the
     * region). A negative limit means "the current usage", so that any new VM exceeds it.
     */
    public static FaultRule quotaExceeded(int limit) {
        FaultRule rule = new FaultRule(Kind.QUOTA_EXCEEDED, VM_WRITE);
        rule.status = 409;
        rule.code = "OperationNotAllowed";
        rule.limit = limit;
        return rule;
    }

    /** As {@link #quotaExceeded(int)}, for the quota of the size's family (e.g. standardDSv5Family). */
    public static FaultRule familyQuotaExceeded(int limit) {
        FaultRule rule = quotaExceeded(limit);
        rule.familyQuota = true;
        return rule;
    }

    /** The VM PUT is refused at once with 409 SkuNotAvailable, as when a size is sold out in a region. */
    public static FaultRule skuNotAvailable() {
        FaultRule rule = new FaultRule(Kind.SKU_NOT_AVAILABLE, VM_WRITE);
        rule.status = 409;
        rule.code = "SkuNotAvailable";
        return rule;
    }

    /**
     * The VM PUT is accepted, then its operation ends Failed with AllocationFailed and the VM's provisioningState
     * is Failed. Use {@link #onOperation} for a start or another allocating action.
     */
    public static FaultRule allocationFailed() {
        return operationFailed(VM_WRITE, "AllocationFailed", Capacity.ALLOCATION_FAILED);
    }

    public static FaultRule zonalAllocationFailed() {
        return operationFailed(VM_WRITE, "ZonalAllocationFailed", Capacity.ALLOCATION_FAILED);
    }

    public static FaultRule overconstrainedAllocationRequest() {
        return operationFailed(VM_WRITE, "OverconstrainedAllocationRequest", Capacity.OVERCONSTRAINED);
    }

    public static FaultRule overconstrainedZonalAllocationRequest() {
        return operationFailed(VM_WRITE, "OverconstrainedZonalAllocationRequest", Capacity.OVERCONSTRAINED);
    }

    /** Moves the rule to another operation, e.g. allocation failing on Microsoft.Compute/virtualMachines/start/action. */
    public FaultRule onOperation(String operationGlob) {
        this.operation = operationGlob;
        return this;
    }

    public FaultRule resource(String nameGlob) {
        this.resource = nameGlob;
        return this;
    }

    public FaultRule times(int times) {
        this.times = times;
        return this;
    }

    public FaultRule always() {
        return times(-1);
    }

    /** Reads a rule from its JSON form, e.g. {"kind":"THROTTLE","operation":"...","times":3}. */
    public static FaultRule fromJson(JsonNode json) {
        String kindName = json.path("kind").asText("HTTP_ERROR").toUpperCase(Locale.ROOT);
        Kind kind;
        try {
            kind = Kind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault kind '" + kindName + "' in " + json + "; one of "
                    + java.util.Arrays.toString(Kind.values()));
        }
        String operation = json.path("operation").asText(switch (kind) {
            case SCRIPT_EXIT, SCRIPT_HANG -> "Microsoft.Compute/virtualMachines/runCommands/write";
            case QUOTA_EXCEEDED, SKU_NOT_AVAILABLE -> VM_WRITE;
            default -> null;
        });
        if (operation == null) {
            throw new IllegalArgumentException("fault " + json + " has no \"operation\"");
        }
        FaultRule rule = new FaultRule(kind, operation);
        if (kind == Kind.THROTTLE) {
            rule.status = 429;
            rule.code = "TooManyRequests";
        } else if (kind == Kind.QUOTA_EXCEEDED || kind == Kind.SKU_NOT_AVAILABLE) {
            rule.status = 409;
            rule.code = kind == Kind.QUOTA_EXCEEDED ? "OperationNotAllowed" : "SkuNotAvailable";
        }
        rule.resource = json.path("resource").asText(null);
        rule.times = json.path("times").asInt(1);
        rule.status = json.path("status").asInt(rule.status);
        rule.code = json.path("code").asText(rule.code);
        rule.message = json.path("message").asText(rule.message);
        rule.retryAfterSeconds = json.path("retryAfter").asInt(rule.retryAfterSeconds);
        rule.exitCode = json.path("exitCode").asInt(rule.exitCode);
        rule.stdout = json.path("stdout").asText("");
        rule.stderr = json.path("stderr").asText("");
        rule.limit = json.path("limit").asInt(-1);
        rule.familyQuota = "family".equalsIgnoreCase(json.path("quota").asText(""));
        if (kind == Kind.OPERATION_FAILED && !json.has("message")) {
            rule.message = Capacity.message(rule.code, rule.message);
        }
        return rule;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("kind", kind.name());
        json.put("operation", operation);
        if (resource != null) {
            json.put("resource", resource);
        }
        json.put("times", times);
        return json;
    }

    boolean matches(Kind wanted, String operationName, String resourceName) {
        return kind == wanted && times != 0 && glob(operation).matcher(operationName).matches()
                && (resource == null || (resourceName != null && glob(resource).matcher(resourceName).matches()));
    }

    /** Uses one firing; false when the rule is spent. */
    boolean fire() {
        if (times == 0) {
            return false;
        }
        if (times > 0) {
            times--;
        }
        return true;
    }

    private static Pattern glob(String glob) {
        java.util.StringJoiner regex = new java.util.StringJoiner(".*");
        for (String part : glob.split("\\*", -1)) {
            regex.add(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String message() {
        return message;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    int exitCode() {
        return exitCode;
    }

    String stdout() {
        return stdout;
    }

    String stderr() {
        return stderr;
    }

    /** The quota limit in vCPUs, negative for "the current usage". */
    int limit() {
        return limit;
    }

    boolean familyQuota() {
        return familyQuota;
    }

    @Override
    public String toString() {
        return kind + " " + operation + (resource == null ? "" : " on " + resource);
    }
}

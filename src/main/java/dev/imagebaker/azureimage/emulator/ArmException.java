package dev.imagebaker.azureimage.emulator;

/** An ARM error response: HTTP status plus the {"error":{"code","message"}} body Azure sends. */
final class ArmException extends RuntimeException {
    final int status;
    final String code;
    final String target;
    final Integer retryAfterSeconds;
    private java.util.List<ArmError> details = java.util.List.of();

    ArmException(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    ArmException(int status, String code, String message, String target, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.target = target;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Adds inner errors, as Azure nests the real reason of some refusals. */
    ArmException withDetails(ArmError... inner) {
        this.details = java.util.List.of(inner);
        return this;
    }

    ArmError toError() {
        return new ArmError(code, getMessage(), target, details);
    }

    static ArmException badRequest(String message) {
        return new ArmException(400, "BadRequest", message);
    }

    static ArmException notFound(String type, String name, String group) {
        return new ArmException(404, "ResourceNotFound", "The Resource '" + type + "/" + name
                + "' under resource group '" + group + "' was not found. For more details please go to"
                + " https://aka.ms/ARMResourceNotFoundFix");
    }

    static ArmException invalidParameter(String message, String target) {
        return new ArmException(400, "InvalidParameter", message, target, null);
    }

    static ArmException operationNotAllowed(String message) {
        return new ArmException(409, "OperationNotAllowed", message);
    }
}

package dev.imagebaker.azureimage.bake.cloud;

/**
 * Azure refused or failed an operation: the ARM error code (e.g. OperationNotAllowed), the HTTP status when
 * there was one, and Azure's message.
 */
public class CloudException extends RuntimeException {
    private final String code;
    private final int status;

    public CloudException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public CloudException(String code, int status, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}

package dev.imagebaker.azureimage.emulator;

import java.nio.charset.StandardCharsets;

/** A blob service error: storage answers XML, not ARM's JSON. */
final class BlobException extends RuntimeException {
    final int status;
    final String code;

    BlobException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    ArmResponse toResponse() {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>"
                + getMessage().replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>";
        return ArmResponse.raw(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8))
                .header("x-ms-error-code", code);
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The error object of an ARM error body or of a failed long-running operation. */
record ArmError(String code, String message, String target) {
    ObjectNode toJson() {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        if (target != null) {
            error.put("target", target);
        }
        return error;
    }

    ObjectNode toBody() {
        ObjectNode body = Json.object();
        body.set("error", toJson());
        return body;
    }
}

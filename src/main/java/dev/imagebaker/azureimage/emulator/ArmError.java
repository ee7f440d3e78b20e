package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The error object of an ARM error body or of a failed long-running operation; {@code details} are the inner
 * errors some answers carry (MarketplacePurchaseEligibilityFailed names the real reason only there).
 */
record ArmError(String code, String message, String target, List<ArmError> details) {
    ArmError(String code, String message, String target) {
        this(code, message, target, List.of());
    }

    ObjectNode toJson() {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        if (target != null) {
            error.put("target", target);
        }
        if (details != null && !details.isEmpty()) {
            details.forEach(d -> error.withArray("details").add(d.toJson()));
        }
        return error;
    }

    ObjectNode toBody() {
        ObjectNode body = Json.object();
        body.set("error", toJson());
        return body;
    }
}

package dev.imagebaker.azureimage.emulator;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import com.azure.json.JsonWriter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an emulator answer survives the Java SDK: parsed into the SDK's inner model with its fromJson
 * (azure-json), written back with toJson, and compared by key paths. A key that does not come back is either
 * read-only (the spec marks it readOnly: the generated model has a field for it and reads it, but never writes
 * it) or unknown to the SDK, which is generated from the spec: a key the spec does not define.
 */
final class SdkRoundTrip {
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonReader reader) throws IOException;
    }

    /** The keys that did not come back, split by whether the SDK's model has a field for them. */
    record Lost(List<String> readOnly, List<String> unknown) {
    }

    private SdkRoundTrip() {
    }

    static <T extends JsonSerializable<T>> Lost lost(JsonNode answer, Reader<T> fromJson) throws IOException {
        T model;
        try (JsonReader reader = JsonProviders.createReader(answer.toString())) {
            model = fromJson.read(reader);
        }
        StringWriter out = new StringWriter();
        try (JsonWriter writer = JsonProviders.createWriter(out)) {
            model.toJson(writer);
        }
        JsonNode back = ContractRunner.JSON.readTree(out.toString());
        List<String> readOnly = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String path : KeyShapes.missing(answer, back)) {
            (SdkFields.holds(model, path) ? readOnly : unknown).add(path);
        }
        return new Lost(readOnly, unknown);
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The ids of every resource in an emulator's inventory dump. */
final class InventoryIds {
    private InventoryIds() {
    }

    static List<String> of(ArmEmulator emulator) {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : Json.parse(emulator.inventoryJson()).path("resources")) {
            ids.add(r.path("id").asText());
        }
        return ids;
    }
}

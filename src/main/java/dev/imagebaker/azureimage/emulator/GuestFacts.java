package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the emulator knows of the guest on a VM's OS disk, kept in private state: OS type, Hyper-V generation,
 * architecture, whether it was deprovisioned, the VM's security type and plan, its computer name and admin user.
 * A snapshot or an image version copies the disk, so it carries these on; a VM made from a specialized copy keeps
 * the original hostname and user, as its guest never ran provisioning again.
 */
final class GuestFacts {
    private GuestFacts() {
    }

    /** The facts of the VM's guest as they stand now. */
    static ObjectNode ofVm(Resource vm) {
        ObjectNode facts = Json.object();
        for (String field : new String[] {"osType", "hyperVGeneration", "architecture", "securityType"}) {
            if (vm.state.hasNonNull(field)) {
                facts.put(field, vm.state.get(field).asText());
            }
        }
        facts.put("deprovisioned", vm.state.path("deprovisioned").asBoolean());
        if (vm.state.hasNonNull("plan")) {
            facts.set("plan", vm.state.get("plan").deepCopy());
        }
        putIfKnown(facts, "computerName", computerName(vm));
        putIfKnown(facts, "adminUsername", adminUsername(vm));
        return facts;
    }

    /**
     * The facts of the guest on a managed disk: its VM's while the disk is that VM's OS disk, those kept on the
     * disk when the VM went, or only what the disk itself says (a data disk says nothing).
     */
    static ObjectNode ofDisk(CloudState cloud, Resource disk) {
        if (disk.state.get("guest") instanceof ObjectNode kept) {
            return kept.deepCopy();
        }
        Resource vm = cloud.inventory.get(disk.state.path("vm").asText(null));
        if (vm != null && disk.id.sameAs(Json.text(vm.properties(), "storageProfile.osDisk.managedDisk.id"))) {
            return ofVm(vm);
        }
        ObjectNode facts = Json.object();
        putIfKnown(facts, "osType", Json.text(disk.properties(), "osType"));
        putIfKnown(facts, "hyperVGeneration", Json.text(disk.properties(), "hyperVGeneration"));
        facts.put("deprovisioned", false);
        return facts;
    }

    /** The VM's computer name: its osProfile's, or for a VM from a specialized image its guest's own. */
    static String computerName(Resource vm) {
        String name = Json.text(vm.properties(), "osProfile.computerName");
        return name != null ? name : vm.state.path("computerName").asText(null);
    }

    static String adminUsername(Resource vm) {
        String user = Json.text(vm.properties(), "osProfile.adminUsername");
        return user != null ? user : vm.state.path("adminUsername").asText(null);
    }

    private static void putIfKnown(ObjectNode facts, String field, String value) {
        if (value != null) {
            facts.put(field, value);
        }
    }

    /** The plan the facts name, or null. */
    static MarketplaceCatalog.Plan plan(JsonNode facts) {
        return MarketplaceCatalog.Plan.of(facts.get("plan"));
    }
}

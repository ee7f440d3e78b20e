package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The observable state of a VM (its power state and instance view) and what happens to its disk and NICs when it
 * goes. The power state is kept in the VM's private state as Azure's word for it ("running").
 */
final class VmState {
    private final CloudState cloud;

    VmState(CloudState cloud) {
        this.cloud = cloud;
    }

    static ObjectNode instanceView(Resource vm) {
        ObjectNode view = Json.object();
        String computerName = GuestFacts.computerName(vm);
        if (computerName != null) {
            view.put("computerName", computerName);
        }
        view.put("osName", vm.state.path("osType").asText());
        view.put("hyperVGeneration", vm.state.path("hyperVGeneration").asText());
        ObjectNode agent = view.putObject("vmAgent");
        agent.put("vmAgentVersion", "2.12.0.2");
        boolean alive = vm.state.path("agentAlive").asBoolean() && power(vm) == PowerState.RUNNING;
        agent.putArray("statuses").add(status(alive ? "ProvisioningState/succeeded" : "ProvisioningState/Unavailable",
                alive ? "Info" : "Warning", alive ? "Ready" : "Not Ready",
                alive ? "Guest Agent is running" : "VM status blob is found but not yet populated."));
        ArrayNode statuses = view.putArray("statuses");
        String provisioning = vm.properties().path("provisioningState").asText("Succeeded");
        statuses.add(status("ProvisioningState/" + provisioning.toLowerCase(), "Info",
                "Provisioning " + provisioning.toLowerCase(), null));
        statuses.add(status(power(vm).code(), "Info", "VM " + power(vm).word(), null));
        if (vm.state.path("generalized").asBoolean()) {
            statuses.add(status("OSState/generalized", "Info", "VM generalized", null));
        }
        return view;
    }

    private static ObjectNode status(String code, String level, String display, String message) {
        ObjectNode s = Json.object();
        s.put("code", code);
        s.put("level", level);
        s.put("displayStatus", display);
        if (message != null) {
            s.put("message", message);
        }
        return s;
    }

    /**
     * Whether the VM can reach the internet (package mirrors, Maven Central, public endpoints): a public IP on a
     * NIC, a NAT gateway on its subnet, or default outbound access at its last allocation. See {@link Outbound}.
     */
    static boolean hasOutbound(CloudState cloud, Resource vm) {
        return Outbound.internet(cloud, vm);
    }

    /** Whether the VM reaches Azure Storage: with outbound access, or through a Microsoft.Storage service endpoint. */
    static boolean reachesStorage(CloudState cloud, Resource vm) {
        return Outbound.storage(cloud, vm);
    }

    /** A VM that never recorded one is running. */
    static PowerState power(Resource vm) {
        return PowerState.of(vm.state.path("power").asText(PowerState.RUNNING.word()));
    }

    static void setPower(Resource vm, PowerState power) {
        vm.state.put("power", power.word());
    }

    static void requireNotInTransition(Resource vm, String action) {
        PowerState power = power(vm);
        if (power.inTransition()) {
            throw new ArmException(409, "OperationNotAllowed", "Operation '" + action + "' is not allowed on VM '"
                    + vm.name() + "' since the VM is " + power.word() + ". Retry after the operation completes.");
        }
    }

    /** Removes the VM; its disks and NICs are deleted or detached as their delete options say. */
    void remove(Resource vm) {
        JsonNode osDisk = Json.at(vm.properties(), "storageProfile.osDisk");
        Resource disk = cloud.inventory.get(Json.text(osDisk, "managedDisk.id"));
        if (disk != null) {
            if ("Delete".equalsIgnoreCase(Json.text(osDisk, "deleteOption"))) {
                cloud.inventory.remove(disk.id);
            } else {
                // The disk outlives its VM: what its guest was is kept for a later snapshot of it.
                disk.state.set("guest", GuestFacts.ofVm(vm));
                disk.body.remove("managedBy");
                disk.properties().put("diskState", "Unattached");
            }
        }
        DataDisks.release(cloud, vm);
        for (JsonNode ref : vm.properties().path("networkProfile").path("networkInterfaces")) {
            Resource nic = cloud.inventory.get(ref.path("id").asText(null));
            if (nic == null) {
                continue;
            }
            if ("Delete".equalsIgnoreCase(Json.text(ref, "properties.deleteOption"))) {
                cloud.inventory.remove(nic.id);
            } else {
                nic.properties().remove("virtualMachine");
            }
        }
        for (Resource child : cloud.inventory.within(vm.id, null)) {
            cloud.inventory.remove(child.id);
        }
        cloud.inventory.remove(vm.id);
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Virtual machines: PUT (long-running, creates the managed OS disk and attaches the NICs), GET with
 * {@code $expand=instanceView}, DELETE honouring the disk and NIC delete options, and the power actions.
 * Rules: a generalized VM cannot start; generalize needs a stopped VM; a VM from a generalized image whose guest
 * was never deprovisioned fails with OSProvisioningTimedOut; a VM from a specialized gallery image takes no OS
 * profile and does not provision; managed images are region-bound. What a new VM must pass
 * first (size, architecture, generation, security type, plan, quota) is {@link VmPlacement}'s.
 */
final class VirtualMachinesApi implements ResourceApi {
    static final ResourcePath VMS = ResourcePath.inGroup("Microsoft.Compute/virtualMachines", "vm");
    private static final String VM = VMS.item();
    private static final Pattern SIZE = Pattern.compile("^(Standard|Basic)_[A-Za-z0-9_]+$");
    private static final Pattern WINDOWS_COMPUTER_NAME = Pattern.compile("^(?![0-9]+$)[A-Za-z0-9-]{1,15}$");
    private final CloudState cloud;
    private final VmState vms;

    VirtualMachinesApi(CloudState cloud) {
        this.cloud = cloud;
        this.vms = new VmState(cloud);
    }

    @Override
    public void register(Router router) {
        router.add("PUT", VM, this::put);
        router.add("PATCH", VM, this::patch);
        new ResourceRoutes(cloud, VMS).view(VirtualMachinesApi::withInstanceView)
                .deletedAfter(Latency.VM_DELETE).markedDeleting().removedBy(vms::remove).register(router);
        router.add("GET", VM + "/instanceView", this::instanceView);
        router.add("POST", VM + "/start", (req, p) -> power(req, p, "start", PowerState.STARTING, Latency.VM_START));
        router.add("POST", VM + "/powerOff", (req, p) -> power(req, p, "powerOff", PowerState.STOPPING,
                Latency.VM_POWER_OFF));
        router.add("POST", VM + "/deallocate", (req, p) -> power(req, p, "deallocate", PowerState.DEALLOCATING,
                Latency.VM_DEALLOCATE));
        router.add("POST", VM + "/restart", (req, p) -> power(req, p, "restart", PowerState.RESTARTING,
                Latency.VM_RESTART));
        router.add("POST", VM + "/generalize", this::generalize);
    }

    private ResourceId id(Router.Params p) {
        return VMS.id(p);
    }

    private ArmResponse put(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = id(p);
        ObjectNode request = req.body();
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            return update(req, existing, request);
        }
        String location = cloud.requireLocation(request, "Microsoft.Compute/virtualMachines");
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        String size = Json.text(props, "hardwareProfile.vmSize");
        if (size == null || !SIZE.matcher(size).matches()) {
            throw ArmException.invalidParameter("The value '" + size + "' of parameter 'vmSize' is not allowed."
                    + " Allowed values are the sizes listed by the vmSizes API.", "vmSize");
        }
        JsonNode imageReference = Json.at(props, "storageProfile.imageReference");
        if (imageReference == null || imageReference.isNull()) {
            throw ArmException.invalidParameter("Required parameter 'imageReference' is missing (null).",
                    "imageReference");
        }
        ImageSource source = new ImageSources(cloud).resolve(imageReference, location, props);
        if (source.specialized()) {
            refuseOsProfile(props);
        } else {
            validateOsProfile(props, source.osType());
        }
        ObjectNode placement = new VmPlacement(cloud).admit(req, id, location, body, request, source);
        JsonNode nics = Json.at(props, "networkProfile.networkInterfaces");
        if (nics == null || !nics.isArray() || nics.isEmpty()) {
            throw ArmException.invalidParameter("Virtual machine '" + id.name() + "' must have at least one"
                    + " network interface.", "networkProfile");
        }
        for (JsonNode nicRef : nics) {
            Resource nic = cloud.inventory.get(nicRef.path("id").asText(null));
            if (nic == null) {
                throw new ArmException(400, "InvalidResourceReference", "Resource " + nicRef.path("id").asText()
                        + " referenced by resource " + id + " was not found.");
            }
            if (!location.equals(nic.location())) {
                throw ArmException.invalidParameter("The network interface " + nic.id + " is in region '"
                        + nic.location() + "'; the virtual machine is in '" + location + "'.", "networkProfile");
            }
            String attached = Json.text(nic.properties(), "virtualMachine.id");
            if (attached != null && !id.sameAs(attached)) {
                throw new ArmException(400, "NicInUse", "Network Interface " + nic.id + " is used by existing"
                        + " resource " + attached + ".");
            }
        }
        // Azure never returns secrets: the admin password and custom data are not stored.
        Json.removeDeep(props, "adminPassword");
        Json.removeDeep(props, "customData");
        props.put("vmId", UUID.randomUUID().toString());
        props.put("timeCreated", cloud.clock.now().toString());
        props.put("provisioningState", "Creating");
        VmDefaults.osDisk(props, source);
        VmDefaults.osProfile(props, source.osType());
        createOsDisk(id, location, props, source);
        DataDisks.create(cloud, id, location, props, source);
        attachNics(id, nics);
        ObjectNode state = Json.object();
        state.put("generalized", false);
        state.put("deprovisioned", false);
        state.put("agentAlive", false);
        state.put("osType", source.osType());
        state.put("hyperVGeneration", source.hyperVGeneration());
        state.put("architecture", source.architecture());
        if (source.specialized()) {
            // The guest is the captured one: it keeps its hostname and user, and never provisions again.
            state.put("specialized", true);
            copyText(source.guest(), state, "computerName");
            copyText(source.guest(), state, "adminUsername");
        }
        state.setAll(placement);
        Resource vm = new Resource(id, body, state);
        VmState.setPower(vm, PowerState.STARTING);
        cloud.inventory.put(vm);
        // Only a generalized image provisions; Azure waits for that, in vain for a guest never deprovisioned.
        boolean provisions = !source.specialized();
        Instant due = source.deprovisioned() || !provisions ? cloud.clock.after(Latency.VM_CREATE)
                : cloud.clock.after(Latency.OS_PROVISIONING_TIMEOUT);
        Operations.Op op = cloud.start(req, id, location, due, new Operations.Completion() {
            @Override
            public JsonNode succeed() {
                if (provisions && !source.deprovisioned()) {
                    throw new ArmException(409, "OSProvisioningTimedOut", "OS Provisioning for VM '" + id.name()
                            + "' did not finish in the allotted time. However, the VM guest agent was detected"
                            + " running. This suggests the guest OS has not been properly prepared to be used as"
                            + " a VM image (with CreateOption=FromImage). To resolve this issue, either use the"
                            + " VHD as is with CreateOption=Attach or prepare it properly for use as an image:"
                            + " https://aka.ms/linuxvmimage or https://aka.ms/windowsvmimage. Source: "
                            + source.description() + ".");
                }
                props.put("provisioningState", "Succeeded");
                VmState.setPower(vm, PowerState.RUNNING);
                state.put("agentAlive", true);
                Outbound.allocate(cloud, vm);
                return null;
            }

            @Override
            public void fail(ArmError error) {
                props.put("provisioningState", "Failed");
                // A VM no host could take never ran; one whose guest failed provisioning runs on.
                boolean allocated = !Capacity.isAllocationFailure(error.code());
                VmState.setPower(vm, allocated ? PowerState.RUNNING : PowerState.DEALLOCATED);
                state.put("agentAlive", allocated);
                if (allocated) {
                    Outbound.allocate(cloud, vm);
                }
            }
        });
        return cloud.accepted(req, op, 201, body, false);
    }

    /**
     * PUT on an existing VM or PATCH (VirtualMachines_Update): the fields Azure lets change, long-running with
     * provisioningState Updating (VirtualMachine_Update_*.json answer 200 with Azure-AsyncOperation).
     */
    private ArmResponse update(ArmRequest req, Resource vm, ObjectNode request) {
        if (vm.state.path("generalized").asBoolean()) {
            throw ArmException.operationNotAllowed("Operation 'Update VM' is not allowed on VM '" + vm.name()
                    + "' since the VM is generalized.");
        }
        VmState.requireNotInTransition(vm, "Update VM");
        if (request.get("tags") instanceof ObjectNode tags) {
            vm.body.set("tags", tags.deepCopy());
        }
        JsonNode changes = request.path("properties");
        String size = Json.text(changes, "hardwareProfile.vmSize");
        if (size != null && !SIZE.matcher(size).matches()) {
            throw ArmException.invalidParameter("The value '" + size + "' of parameter 'vmSize' is not allowed.",
                    "vmSize");
        }
        ObjectNode props = vm.properties();
        for (String field : java.util.List.of("hardwareProfile", "diagnosticsProfile", "userData",
                "extensionsTimeBudget", "priority")) {
            if (changes.has(field)) {
                JsonNode value = changes.get(field);
                if (value instanceof ObjectNode o && props.get(field) instanceof ObjectNode current) {
                    current.setAll(o.deepCopy());
                } else {
                    props.set(field, value.deepCopy());
                }
            }
        }
        props.put("provisioningState", "Updating");
        Operations.Op op = cloud.start(req, vm.id, vm.location(), cloud.clock.after(Latency.VM_UPDATE),
                CloudState.provisioning(props));
        return cloud.accepted(req, op, 200, vm.body, false);
    }

    private ArmResponse patch(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        return update(req, cloud.require(id(p)), req.body());
    }

    /** The NICs now belong to the VM; Azure marks the primary one and gives each a MAC address. */
    private void attachNics(ResourceId id, JsonNode nics) {
        boolean first = true;
        for (JsonNode nicRef : nics) {
            Resource nic = cloud.inventory.get(nicRef.path("id").asText());
            Json.with(nic.properties(), "virtualMachine").put("id", id.value());
            boolean primary = nicRef.path("properties").path("primary").asBoolean(nics.size() == 1 || first);
            first = false;
            nic.properties().put("primary", primary);
            if (!nic.properties().hasNonNull("macAddress")) {
                nic.properties().put("macAddress", NetworkDefaults.macAddress(nic.id));
            }
        }
    }

    /**
     * A VM from a specialized image takes no OS profile: Azure answers 400 InvalidParameter "Parameter 'osProfile'
     * is not allowed." with target osProfile (as quoted in hashicorp/packer-plugin-azure #307 for a specialized
     * Azure Compute Gallery image; the same code and text in Azure/RDS-Templates #580).
     */
    private static void refuseOsProfile(ObjectNode props) {
        JsonNode os = props.get("osProfile");
        if (os != null && !os.isNull()) {
            throw ArmException.invalidParameter("Parameter 'osProfile' is not allowed.", "osProfile");
        }
        props.remove("osProfile");
    }

    private static void copyText(JsonNode from, ObjectNode to, String field) {
        if (from.hasNonNull(field)) {
            to.put(field, from.get(field).asText());
        }
    }

    private void validateOsProfile(ObjectNode props, String osType) {
        JsonNode os = props.get("osProfile");
        if (os == null) {
            throw ArmException.invalidParameter("Required parameter 'osProfile' is missing (null).", "osProfile");
        }
        String user = Json.text(os, "adminUsername");
        if (user == null || user.isBlank()) {
            throw ArmException.invalidParameter("Required parameter 'adminUsername' is missing (null).",
                    "adminUsername");
        }
        if (java.util.List.of("admin", "administrator", "root", "guest", "user", "test")
                .contains(user.toLowerCase(Locale.ROOT))) {
            throw ArmException.invalidParameter("The Admin Username specified is not allowed.", "adminUsername");
        }
        String computerName = Json.text(os, "computerName");
        if ("Windows".equals(osType)) {
            if (computerName == null || !WINDOWS_COMPUTER_NAME.matcher(computerName).matches()) {
                throw ArmException.invalidParameter("Windows computer name cannot be more than 15 characters"
                        + " long, be entirely numeric, or contain the following characters: ` ~ ! @ # $ % ^ & * ("
                        + " ) = + _ [ ] { } \\ | ; : . ' \" , < > / ?.", "windowsConfiguration");
            }
            String password = Json.text(os, "adminPassword");
            if (!ComplexPassword.acceptable(password)) {
                throw ArmException.invalidParameter("The supplied password must be between 8-123 characters long"
                        + " and must satisfy at least 3 of password complexity requirements from the following:"
                        + " 1) Contains an uppercase character 2) Contains a lowercase character 3) Contains a"
                        + " numeric digit 4) Contains a special character 5) Control characters are not allowed",
                        "adminPassword");
            }
        } else {
            boolean sshOnly = Json.at(os, "linuxConfiguration.disablePasswordAuthentication") != null
                    && Json.at(os, "linuxConfiguration.disablePasswordAuthentication").asBoolean();
            JsonNode keys = Json.at(os, "linuxConfiguration.ssh.publicKeys");
            boolean hasKey = keys != null && keys.isArray() && !keys.isEmpty();
            if (sshOnly && !hasKey) {
                throw ArmException.invalidParameter("Authentication using either SSH or by user name and password"
                        + " must be enabled in Linux profile.", "linuxConfiguration");
            }
            if (!sshOnly && Json.text(os, "adminPassword") == null && !hasKey) {
                throw ArmException.invalidParameter("Required parameter 'adminPassword' is missing (null).",
                        "adminPassword");
            }
            if (hasKey) {
                for (JsonNode key : keys) {
                    String data = key.path("keyData").asText("");
                    if (!data.startsWith("ssh-rsa ") && !data.startsWith("ssh-ed25519 ")) {
                        throw ArmException.invalidParameter("The value of parameter linuxConfiguration.ssh."
                                + "publicKeys.keyData is invalid.", "linuxConfiguration.ssh.publicKeys.keyData");
                    }
                }
            }
        }
    }

    private void createOsDisk(ResourceId vmId, String location, ObjectNode props, ImageSource source) {
        ObjectNode osDisk = Json.with(props, "storageProfile.osDisk");
        String name = osDisk.path("name").asText(null);
        if (name == null) {
            name = vmId.name() + "_OsDisk_1_" + UUID.randomUUID().toString().replace("-", "");
            osDisk.put("name", name);
        }
        ResourceId diskId = ResourceId.of(vmId.subscription(), vmId.resourceGroup(), "Microsoft.Compute/disks/" + name);
        osDisk.put("createOption", osDisk.path("createOption").asText("FromImage"));
        osDisk.put("deleteOption", osDisk.path("deleteOption").asText("Detach"));
        ObjectNode managedDisk = Json.with(osDisk, "managedDisk");
        managedDisk.put("storageAccountType", managedDisk.path("storageAccountType").asText("Premium_LRS"));
        ObjectNode properties = DisksApi.createAttached(cloud, diskId, vmId, location,
                managedDisk.path("storageAccountType").asText(), osDisk.path("diskSizeGB").asInt(30), "FromImage");
        properties.put("osType", source.osType());
        properties.put("hyperVGeneration", source.hyperVGeneration());
        managedDisk.put("id", diskId.value());
    }

    /** GET with $expand=instanceView carries the instance view in the properties. */
    private static JsonNode withInstanceView(ArmRequest req, Resource vm) {
        if (!req.expands("instanceView")) {
            return vm.body;
        }
        ObjectNode body = vm.body.deepCopy();
        Json.with(body, "properties").set("instanceView", VmState.instanceView(vm));
        return body;
    }

    private ArmResponse instanceView(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        return ArmResponse.ok(VmState.instanceView(cloud.require(id(p))));
    }

    /** A power action: the VM shows the transition until the operation completes, then settles. */
    private ArmResponse power(ArmRequest req, Router.Params p, String action, PowerState transition,
                              Latency latency) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        Resource vm = cloud.require(id(p));
        PowerState before = VmState.power(vm);
        if (action.equals("start") && vm.state.path("generalized").asBoolean()) {
            throw ArmException.operationNotAllowed("Operation 'start' is not allowed on VM '" + vm.name()
                    + "' since the VM is generalized.");
        }
        if (action.equals("restart") && before != PowerState.RUNNING) {
            throw ArmException.operationNotAllowed("Operation 'restart' is not allowed on VM '" + vm.name()
                    + "' since the VM is " + before.word() + ".");
        }
        VmState.requireNotInTransition(vm, action);
        PowerState target = transition.settled();
        VmState.setPower(vm, transition);
        Operations.Op op = cloud.start(req, vm.id, vm.location(), cloud.clock.after(latency),
                new Operations.Completion() {
                    @Override
                    public JsonNode succeed() {
                        VmState.setPower(vm, target);
                        if (target == PowerState.RUNNING) {
                            // A booting guest starts its agent again, deprovisioned or not.
                            vm.state.put("agentAlive", true);
                        }
                        if (target == PowerState.RUNNING && before == PowerState.DEALLOCATED) {
                            Outbound.allocate(cloud, vm);
                        }
                        return null;
                    }

                    @Override
                    public void fail(ArmError error) {
                        VmState.setPower(vm, before);
                    }
                });
        return cloud.accepted(req, op, 202, null, true);
    }

    /** Marks the VM generalized in Azure: a plain 200, and only for a VM that is not running. */
    private ArmResponse generalize(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        Resource vm = cloud.require(id(p));
        PowerState power = VmState.power(vm);
        if (power != PowerState.STOPPED && power != PowerState.DEALLOCATED) {
            throw ArmException.operationNotAllowed("Operation 'generalize' is not allowed on VM '" + vm.name()
                    + "' since the VM is " + power.word() + ". Stop or deallocate the VM first.");
        }
        vm.state.put("generalized", true);
        return ArmResponse.status(200);
    }
}

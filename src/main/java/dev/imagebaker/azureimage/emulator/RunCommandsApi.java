package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run commands, managed ({@code virtualMachines/{vm}/runCommands/{name}}: PUT, PATCH, GET with
 * $expand=instanceView, list, DELETE) and the action form ({@code POST virtualMachines/{vm}/runCommand}). Scripts
 * are never executed: the guest's part is modelled ({@link RunCommandGuest}, {@link GuestShell},
 * {@link GuestPowerShell}) and played on the emulator's clock ({@link GuestExecution}), so that the instance view,
 * the output blobs, the long-running operation and the VM change as they do on Azure.
 */
final class RunCommandsApi implements ResourceApi {
    private static final ResourcePath RUN_COMMANDS = VirtualMachinesApi.VMS.child("runCommands", "name");
    /** MicrosoftDocs/azure-compute-docs articles/virtual-machines/run-command-overview.md: "limited to 25". */
    static final int MAX_MANAGED_RUN_COMMANDS = 25;
    /**
     * How long CRP waits for an extension to report before VMExtensionProvisioningTimeout: 90 minutes, as the
     * action run command documents it (articles/virtual-machines/linux/run-command.md, "Restrictions") and as the
     * error is reported for longer runs (azure-sdk-for-python#4369, Azure/custom-script-extension-linux#172).
     */
    static final long PROVISIONING_LIMIT_SECONDS = 90 * 60;
    private final CloudState cloud;
    private final BlobApi blobs;
    private final RunCommandGuest guest;
    /** Per run command (resource id key): its secrets and its current execution; memory only, never persisted. */
    private final Map<String, RunCommandGuest.Secrets> secrets = new HashMap<>();
    private final Map<String, Running> running = new HashMap<>();

    private record Running(GuestExecution execution, Operations.Op operation) {
    }

    RunCommandsApi(CloudState cloud, BlobApi blobs) {
        this.cloud = cloud;
        this.blobs = blobs;
        this.guest = new RunCommandGuest(cloud, blobs);
    }

    @Override
    public void register(Router router) {
        router.add("PUT", RUN_COMMANDS.item(), this::put);
        router.add("PATCH", RUN_COMMANDS.item(), this::patch);
        // Like every run command route, GET and DELETE find the VM first: a missing VM is the error.
        new ResourceRoutes(cloud, RUN_COMMANDS).parentFirst().view(RunCommandsApi::withInstanceView)
                .refuseDelete(run -> requireRunning(cloud.inventory.get(run.id.parent())))
                .onDeleteAccepted(run -> {
                    stop(run);
                    secrets.remove(run.id.key());
                }).deletedAfter(Latency.RUN_COMMAND_DELETE).register(router);
        router.add("POST", VirtualMachinesApi.VMS.item() + "/runCommand", this::action);
    }

    private Resource vm(Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        return cloud.require(VirtualMachinesApi.VMS.id(p));
    }

    /**
     * CRP's error table (MicrosoftDocs/azure-docs includes/virtual-machines-common-error-messages.md) has
     * OperationNotAllowed "Cannot modify extensions in the VM when the VM is not running."; run commands are
     * delivered as VM extensions, so applying it to their PUT, PATCH and DELETE is our inference.
     */
    private static void requireRunning(Resource vm) {
        if (VmState.power(vm) != PowerState.RUNNING) {
            throw ArmException.operationNotAllowed("Cannot modify extensions in the VM when the VM is not running.");
        }
    }

    private static void requireNotInProgress(Resource previous) {
        String state = previous == null ? "" : previous.properties().path("provisioningState").asText();
        if (state.equals("Creating") || state.equals("Updating")) {
            throw new ArmException(409, "Conflict", "The run command '" + previous.name() + "' is still running."
                    + " Wait for it to finish before updating it.");
        }
    }

    /**
     * The 26th managed run command on a VM. Message as a customer saw it (MicrosoftDocs/azure-docs#117976); its
     * HTTP status and code are documented nowhere: 409 OperationNotAllowed is our choice, by CRP's convention for
     * per-VM limits ("The maximum number of data disks allowed to be attached to a VM of this size is {0}.").
     * Finished run commands count until they are deleted (azure-powershell#22403).
     */
    private void requireRoom(Resource vm) {
        int current = cloud.inventory.children(vm.id, "runCommands").size();
        if (current >= MAX_MANAGED_RUN_COMMANDS) {
            throw ArmException.operationNotAllowed("The maximum number of managed Run commands (max="
                    + MAX_MANAGED_RUN_COMMANDS + ", current=" + current + ") has been exceeded. Use fewer Run commands"
                    + " and retry the request. To list Run commands, refer: https://aka.ms/RunCommandManaged#list-all-"
                    + "deployed-runcommand-resources-on-a-vm-1 and then delete a Run command: https://aka.ms/"
                    + "RunCommandManaged#delete-runcommand-resource-from-the-vm-1");
        }
    }

    private ArmResponse put(ArmRequest req, Router.Params p) {
        Resource vm = vm(p);
        ObjectNode request = req.body();
        String location = cloud.requireLocation(request, "Microsoft.Compute/virtualMachines/runCommands");
        if (!location.equals(vm.location())) {
            throw ArmException.invalidParameter("The run command must be in the region of its VM, '"
                    + vm.location() + "', not '" + location + "'.", "location");
        }
        requireRunning(vm);
        ResourceId id = vm.id.child("runCommands", p.get("name"));
        Resource previous = cloud.inventory.get(id);
        if (previous == null) {
            requireRoom(vm);
        }
        requireNotInProgress(previous);
        ObjectNode body = CloudState.newBody(id, location, request);
        RunCommandGuest.Secrets given = RunCommandGuest.Secrets.take(Json.with(body, "properties"));
        return execute(req, vm, previous, body, given, previous == null ? 201 : 200,
                previous == null ? "Creating" : "Updating");
    }

    /**
     * VirtualMachineRunCommands_Update (runCommand.json): the same properties plus tags, merged into the run
     * command; long-running, 200 with provisioningState Updating; the script runs again (a new sequence number:
     * the handler never runs one twice, run-command-handler-linux enablePre).
     */
    private ArmResponse patch(ArmRequest req, Router.Params p) {
        Resource vm = vm(p);
        requireRunning(vm);
        Resource previous = cloud.require(vm.id.child("runCommands", p.get("name")));
        requireNotInProgress(previous);
        ObjectNode request = req.body();
        ObjectNode body = previous.body.deepCopy();
        if (request.get("tags") instanceof ObjectNode tags) {
            body.set("tags", tags.deepCopy());
        }
        ObjectNode props = Json.with(body, "properties");
        request.path("properties").fields().forEachRemaining(f -> props.set(f.getKey(), f.getValue().deepCopy()));
        RunCommandGuest.Secrets given = RunCommandGuest.Secrets.take(props);
        return execute(req, vm, previous, body, given.orElse(secrets.get(previous.id.key())), 200, "Updating");
    }

    /** Starts one run of the run command: the handler's checks, the script, its reports and the operation. */
    private ArmResponse execute(ArmRequest req, Resource vm, Resource previous, ObjectNode body,
                                RunCommandGuest.Secrets given, int status, String provisioningState) {
        ObjectNode props = Json.with(body, "properties");
        props.put("provisioningState", provisioningState);
        ResourceId id = new ResourceId(body.path("id").asText());
        int sequence = previous == null ? 0 : previous.state.path("sequence").asInt(-1) + 1;
        stop(previous);
        ObjectNode state = Json.object().put("sequence", sequence);
        Resource run = new Resource(id, body, state);
        cloud.inventory.put(run);
        secrets.put(id.key(), given);
        Instant start = cloud.clock.now();
        ObjectNode view = state.putObject("instanceView");
        boolean async = props.path("asyncExecution").asBoolean(false);
        boolean treatFailure = props.path("treatFailureAsDeploymentFailure").asBoolean(false);
        boolean windows = RunCommandGuest.windows(vm);
        boolean[] startedAsync = new boolean[1];
        // The operation's deadline is scheduled with the guest's events (see deadline()), not as its due time.
        Operations.Op op = cloud.start(req, id, run.location(), null, new Operations.Completion() {
                    @Override
                    public JsonNode succeed() {
                        String execution = view.path("executionState").asText();
                        boolean ended = execution.equals("Succeeded") || execution.equals("Failed");
                        if (!ended && !startedAsync[0]) {
                            throw provisioningTimeout(windows ? "RunCommandHandlerWindows" : "RunCommandHandlerLinux");
                        }
                        // The handler reports a failure as an extension error only when it reports the end; an
                        // asynchronous run has reported success before (commandProcessor.go, cmds.go).
                        if (!startedAsync[0] && treatFailure && execution.equals("Failed")) {
                            throw new ArmException(409, "VMExtensionProvisioningError", "Run command '" + id.name()
                                    + "' failed with exit code " + view.path("exitCode").asInt() + ". "
                                    + view.path("error").asText());
                        }
                        props.put("provisioningState", "Succeeded");
                        return null;
                    }

                    @Override
                    public void fail(ArmError error) {
                        props.put("provisioningState", "Failed");
                    }
                });
        if (!vm.state.path("agentAlive").asBoolean()) {
            // No agent to hand the run to: nothing is ever reported, and the operation times out.
            view.put("executionState", "Pending");
            view.put("startTime", time(start));
            deadline(op, start);
            return cloud.accepted(req, op, status, body, false);
        }
        RunCommandGuest.Plan plan = guest.plan(vm, id.name(), sequence, props, given, req.baseUrl(), start);
        long timeout = props.path("timeoutInSeconds").asLong(0);
        // Linux: no timeout unless one is given (exec.go); Windows documents a 90-minute default
        // (articles/virtual-machines/windows/run-command-managed.md).
        Long effectiveTimeout = timeout > 0 ? Long.valueOf(timeout) : windows ? Long.valueOf(90 * 60) : null;
        GuestExecution execution = new GuestExecution(cloud, blobs, req.baseUrl(), vm, plan.run(), start,
                effectiveTimeout, plan.sinks(), new GuestExecution.Listener() {
                    @Override
                    public void progress(String output, String error) {
                        view.put("output", output);
                        view.put("error", error);
                    }

                    @Override
                    public void ended(int exitCode, String failure, String output, String error, Instant endTime) {
                        view.put("executionState", failure == null ? "Succeeded" : "Failed");
                        view.put("executionMessage", failure == null ? "Execution completed"
                                : "Execution failed: " + failure);
                        view.put("exitCode", exitCode);
                        view.put("output", output);
                        view.put("error", error);
                        view.put("endTime", time(endTime));
                        cloud.operations.dueNow(op);
                    }
                });
        // commandProcessor.go reports this first, before the handler does anything else.
        view.put("executionState", "Running");
        view.put("executionMessage", "Execution in progress");
        view.put("exitCode", 0);
        view.put("output", "");
        view.put("error", "");
        view.put("startTime", time(start));
        running.put(id.key(), new Running(execution, op));
        execution.alsoAt(PROVISIONING_LIMIT_SECONDS, () -> cloud.operations.dueNow(op));
        execution.start();
        op.expectedAt = cloud.clock.at(start, PROVISIONING_LIMIT_SECONDS);
        if (async && plan.run().handlerError == null) {
            // cmds.go: "asycExecution is true - report success" once the script is about to start.
            startedAsync[0] = true;
            op.expectedAt = start;
            cloud.operations.dueNow(op);
        } else if (execution.visibleEnd() != null) {
            op.expectedAt = execution.visibleEnd();
        }
        return cloud.accepted(req, op, status, body, false);
    }

    /** Ends the operation at CRP's limit if nothing reported before. */
    private void deadline(Operations.Op op, Instant start) {
        Instant at = cloud.clock.at(start, PROVISIONING_LIMIT_SECONDS);
        op.expectedAt = at;
        cloud.operations.schedule(at, () -> cloud.operations.dueNow(op));
    }

    /** Kills the run command's script, if it runs: a new run, or its deletion. */
    private void stop(Resource run) {
        if (run == null) {
            return;
        }
        Running r = running.remove(run.id.key());
        if (r != null) {
            r.execution().kill();
            cloud.operations.cancel(r.operation(), new ArmError("OperationPreempted",
                    "Operation execution has been preempted by a more recent operation.", null));
        }
    }

    static ArmException provisioningTimeout(String extension) {
        return new ArmException(409, "VMExtensionProvisioningTimeout", "Provisioning of VM extension '" + extension
                + "' has timed out. Extension installation may be taking too long, or extension status could not be"
                + " obtained.");
    }

    /** RFC 3339 to the second, as the handler writes its times (commandProcessor.go, time.RFC3339). */
    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** GET with $expand=instanceView carries the script's execution state and output. */
    private static JsonNode withInstanceView(ArmRequest req, Resource run) {
        if (!req.expands("instanceView")) {
            return run.body;
        }
        ObjectNode body = run.body.deepCopy();
        Json.with(body, "properties").set("instanceView", run.state.path("instanceView").deepCopy());
        return body;
    }

    // -------------------------------------------------------------------------------------------------------------
    // The action form

    /** One at a time per VM; the result comes from the Location URL; 90 minutes at most ([S6] "Restrictions"). */
    private ArmResponse action(ArmRequest req, Router.Params p) {
        Resource vm = vm(p);
        if (VmState.power(vm) != PowerState.RUNNING) {
            throw ArmException.operationNotAllowed("Operation 'RunCommand' is not allowed on VM '" + vm.name()
                    + "' since the VM is " + VmState.power(vm).word() + ".");
        }
        Operations.Op busy = cloud.operations.get(vm.state.path("actionRunCommand").asText(""));
        if (busy != null && !busy.done()) {
            throw new ArmException(409, "Conflict", "Run command extension execution is in progress. Please wait"
                    + " for completion before invoking a run command.");
        }
        ObjectNode request = req.body();
        String commandId = request.path("commandId").asText("");
        boolean windows = RunCommandGuest.windows(vm);
        if (!commandId.equals(windows ? "RunPowerShellScript" : "RunShellScript")) {
            throw ArmException.invalidParameter("The command id '" + commandId + "' is not supported on this VM;"
                    + " use " + (windows ? "RunPowerShellScript" : "RunShellScript") + ".", "commandId");
        }
        StringBuilder script = new StringBuilder();
        request.path("script").forEach(line -> script.append(line.asText()).append('\n'));
        ObjectNode props = Json.object();
        props.putObject("source").put("script", script.toString());
        if (request.has("parameters")) {
            props.set("parameters", request.get("parameters").deepCopy());
        }
        Instant start = cloud.clock.now();
        ObjectNode[] result = new ObjectNode[1];
        Operations.Op op = cloud.start(req, vm.id, vm.location(), null, () -> {
                    if (result[0] == null) {
                        throw provisioningTimeout(windows ? "RunCommandWindows" : "RunCommandLinux");
                    }
                    return result[0];
                });
        vm.state.put("actionRunCommand", op.id);
        if (vm.state.path("agentAlive").asBoolean()) {
            RunCommandGuest.Plan plan = guest.plan(vm, vm.name(), 0, props,
                    new RunCommandGuest.Secrets(null, null, null, null, null), req.baseUrl(), start);
            GuestExecution execution = new GuestExecution(cloud, blobs, req.baseUrl(), vm, plan.run(), start,
                    PROVISIONING_LIMIT_SECONDS, List.of(), new GuestExecution.Listener() {
                        @Override
                        public void progress(String output, String error) {
                        }

                        @Override
                        public void ended(int exitCode, String failure, String output, String error, Instant end) {
                            result[0] = actionResult(failure == null, output, error, windows);
                            cloud.operations.dueNow(op);
                        }
                    });
            execution.alsoAt(PROVISIONING_LIMIT_SECONDS, () -> cloud.operations.dueNow(op));
            execution.start();
            op.expectedAt = execution.visibleEnd();
        } else {
            deadline(op, start);
        }
        return cloud.accepted(req, op, 202, null, true);
    }

    private static ObjectNode actionResult(boolean ok, String output, String error, boolean windows) {
        ArrayNode value = Json.array();
        if (windows) {
            value.add(status("ComponentStatus/StdOut/succeeded", output));
            value.add(status("ComponentStatus/StdErr/succeeded", error));
        } else {
            value.add(status(ok ? "ProvisioningState/succeeded" : "ProvisioningState/failed",
                    (ok ? "Enable succeeded: " : "Enable failed: ") + "\n[stdout]\n" + output + "\n[stderr]\n"
                            + error + "\n"));
        }
        return (ObjectNode) Json.object().set("value", value);
    }

    private static ObjectNode status(String code, String message) {
        ObjectNode s = Json.object();
        s.put("code", code);
        s.put("level", code.endsWith("failed") ? "Error" : "Info");
        s.put("displayStatus", code.endsWith("failed") ? "Provisioning failed" : "Provisioning succeeded");
        s.put("message", message);
        return s;
    }
}

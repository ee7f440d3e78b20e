package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * Run commands, managed ({@code virtualMachines/{vm}/runCommands/{name}}) and the action form
 * ({@code POST virtualMachines/{vm}/runCommand}). Scripts are never executed: a run command succeeds with exit
 * code 0 and says it was emulated, unless a fault says otherwise. A deprovision run synchronously never reports
 * completion, because it kills the guest agent that reports it, as on Azure; started detached, the run command
 * returns and the guest shuts down shortly after.
 */
final class RunCommandsApi implements ResourceApi {
    private static final ResourcePath RUN_COMMANDS = VirtualMachinesApi.VMS.child("runCommands", "name");
    private static final long DEFAULT_TIMEOUT_SECONDS = 90 * 60;
    private final CloudState cloud;
    private final GuestDownloads downloads;

    RunCommandsApi(CloudState cloud, BlobApi blobs) {
        this.cloud = cloud;
        this.downloads = new GuestDownloads(blobs);
    }

    @Override
    public void register(Router router) {
        router.add("PUT", RUN_COMMANDS.item(), this::put);
        // Like every run command route, GET and DELETE find the VM first: a missing VM is the error.
        new ResourceRoutes(cloud, RUN_COMMANDS).parentFirst().view(RunCommandsApi::withInstanceView)
                .deletedAfter(Latency.RUN_COMMAND_DELETE).register(router);
        router.add("POST", VirtualMachinesApi.VMS.item() + "/runCommand", this::action);
    }

    private Resource vm(Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        return cloud.require(VirtualMachinesApi.VMS.id(p));
    }

    private void requireRunning(Resource vm) {
        if (VmState.power(vm) != PowerState.RUNNING) {
            throw ArmException.operationNotAllowed("Cannot modify extensions in the VM when the VM is not running.");
        }
    }

    /** The outcome of one emulated script run. */
    private record Outcome(String executionState, Integer exitCode, String output, String error,
                           Instant dueAt) {
    }

    private Outcome outcome(Resource vm, GuestScript script, String runName, long timeoutSeconds,
                            GuestDownloads.Failure download) {
        if (!vm.state.path("agentAlive").asBoolean()) {
            return new Outcome("Pending", null, "", "", null);
        }
        FaultRule hang = cloud.faults.take(FaultRule.Kind.SCRIPT_HANG,
                "Microsoft.Compute/virtualMachines/runCommands/write", runName);
        if (script.deprovisions()) {
            if (hang == null) {
                deprovision(vm, script);
            }
            // With a hang fault the deprovision itself is stuck: the guest neither shuts down nor loses its agent.
            if (!script.detached()) {
                return new Outcome("Running", null, "", "", null);
            }
            hang = null;
        }
        if (hang != null) {
            return new Outcome("TimedOut", null, "", "Execution timed out after " + timeoutSeconds + " seconds.",
                    cloud.clock.now().plus(cloud.clock.scaledSeconds(timeoutSeconds)));
        }
        Instant due = cloud.clock.after(Latency.RUN_COMMAND);
        FaultRule exit = cloud.faults.take(FaultRule.Kind.SCRIPT_EXIT,
                "Microsoft.Compute/virtualMachines/runCommands/write", runName);
        if (exit != null) {
            return new Outcome(exit.exitCode() == 0 ? "Succeeded" : "Failed", exit.exitCode(), exit.stdout(),
                    exit.stderr(), due);
        }
        if (download != null) {
            return new Outcome("Failed", download.exitCode(), "", download.stderr(), due);
        }
        return new Outcome("Succeeded", 0, "[azure-image emulator] '" + runName + "': " + script.lines()
                + " line(s) accepted; emulated run, nothing was executed.", "", due);
    }

    /** The guest deprovisions itself: its agent stops answering and, if told to, it shuts down. */
    private void deprovision(Resource vm, GuestScript script) {
        Latency latency = "Windows".equals(vm.state.path("osType").asText()) ? Latency.WINDOWS_SYSPREP
                : Latency.LINUX_DEPROVISION;
        cloud.operations.start(vm.id.subscription(), "Microsoft.Compute", vm.location(), cloud.clock.after(latency),
                () -> {
                    vm.state.put("deprovisioned", true);
                    vm.state.put("agentAlive", false);
                    if (script.shutsDown() && VmState.power(vm) == PowerState.RUNNING) {
                        VmState.setPower(vm, PowerState.STOPPED);
                    }
                    return null;
                }, null);
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
        if (previous != null && "Creating".equals(previous.properties().path("provisioningState").asText())) {
            throw new ArmException(409, "Conflict", "The run command '" + id.name() + "' is still running."
                    + " Wait for it to finish before updating it.");
        }
        ObjectNode body = CloudState.newBody(id, location, request);
        ObjectNode props = Json.with(body, "properties");
        String script = Json.text(props, "source.script");
        if (script == null && Json.text(props, "source.commandId") == null
                && Json.text(props, "source.scriptUri") == null) {
            throw ArmException.invalidParameter("One of source.script, source.scriptUri or source.commandId is"
                    + " required.", "source");
        }
        GuestDownloads.Failure download = downloads.check(props.get("parameters"), props.get("protectedParameters"),
                req.baseUrl());
        // Protected parameters and the run-as password are write-only on Azure; the emulator keeps none.
        props.remove("protectedParameters");
        props.remove("runAsPassword");
        boolean async = props.path("asyncExecution").asBoolean(false);
        long timeout = props.path("timeoutInSeconds").asLong(0);
        long effectiveTimeout = timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS;
        Outcome outcome = outcome(vm, GuestScript.read(script, async), id.name(), effectiveTimeout, download);
        props.put("provisioningState", "Creating");
        ObjectNode view = Json.object();
        view.put("executionState", outcome.dueAt == null ? outcome.executionState : "Running");
        view.put("startTime", cloud.clock.now().toString());
        Resource run = new Resource(id, body, Json.object());
        run.state.set("instanceView", view);
        cloud.inventory.put(run);
        boolean treatFailure = props.path("treatFailureAsDeploymentFailure").asBoolean(false);
        Instant due = async ? cloud.clock.now() : outcome.dueAt;
        if (async && outcome.dueAt != null) {
            finishAt(run, outcome);
        }
        Operations.Op op = cloud.start(req, id, location, due, new Operations.Completion() {
            @Override
            public JsonNode succeed() {
                if (!async) {
                    finish(run, outcome);
                }
                boolean failed = !"Succeeded".equals(run.state.path("instanceView").path("executionState")
                        .asText("Succeeded")) && !async;
                if (treatFailure && failed) {
                    throw new ArmException(409, "VMExtensionProvisioningError", "Run command '" + id.name()
                            + "' " + outcome.executionState.toLowerCase() + (outcome.exitCode == null ? ""
                            : " with exit code " + outcome.exitCode) + ". " + outcome.error);
                }
                props.put("provisioningState", "Succeeded");
                return null;
            }

            @Override
            public void fail(ArmError error) {
                props.put("provisioningState", "Failed");
            }
        });
        return cloud.accepted(req, op, previous == null ? 201 : 200, body, false);
    }

    private void finishAt(Resource run, Outcome outcome) {
        cloud.operations.start(run.id.subscription(), "Microsoft.Compute", run.location(), outcome.dueAt, () -> {
            finish(run, outcome);
            return null;
        }, null);
    }

    private void finish(Resource run, Outcome outcome) {
        ObjectNode view = (ObjectNode) run.state.get("instanceView");
        view.put("executionState", outcome.executionState);
        view.put("executionMessage", switch (outcome.executionState) {
            case "Succeeded" -> "Execution completed";
            case "TimedOut" -> "Execution timed out";
            default -> "Execution completed with errors";
        });
        if (outcome.exitCode != null) {
            view.put("exitCode", outcome.exitCode);
        }
        view.put("output", tail(outcome.output));
        view.put("error", tail(outcome.error));
        view.put("endTime", cloud.clock.now().toString());
    }

    /** Azure keeps the last 4 KiB of each stream in the instance view. */
    private static String tail(String text) {
        return text.length() <= 4096 ? text : text.substring(text.length() - 4096);
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

    /** The action form: one at a time per VM; the result comes from the Location URL. */
    private ArmResponse action(ArmRequest req, Router.Params p) {
        Resource vm = vm(p);
        if (VmState.power(vm) != PowerState.RUNNING) {
            throw ArmException.operationNotAllowed("Operation 'RunCommand' is not allowed on VM '" + vm.name()
                    + "' since the VM is " + VmState.power(vm).word() + ".");
        }
        Operations.Op running = cloud.operations.get(vm.state.path("actionRunCommand").asText(""));
        if (running != null && !running.done()) {
            throw new ArmException(409, "Conflict", "Run command extension execution is in progress. Please wait"
                    + " for completion before invoking a run command.");
        }
        ObjectNode request = req.body();
        String commandId = request.path("commandId").asText("");
        boolean windows = "Windows".equals(vm.state.path("osType").asText());
        if (!commandId.equals(windows ? "RunPowerShellScript" : "RunShellScript")) {
            throw ArmException.invalidParameter("The command id '" + commandId + "' is not supported on this VM;"
                    + " use " + (windows ? "RunPowerShellScript" : "RunShellScript") + ".", "commandId");
        }
        StringBuilder script = new StringBuilder();
        request.path("script").forEach(line -> script.append(line.asText()).append('\n'));
        Outcome outcome = outcome(vm, GuestScript.read(script.toString(), false), vm.name(), DEFAULT_TIMEOUT_SECONDS,
                downloads.check(request.get("parameters"), null, req.baseUrl()));
        Operations.Op op = cloud.start(req, vm.id, vm.location(), outcome.dueAt, () -> actionResult(outcome, windows));
        vm.state.put("actionRunCommand", op.id);
        return cloud.accepted(req, op, 202, null, true);
    }

    private static JsonNode actionResult(Outcome outcome, boolean windows) {
        ArrayNode value = Json.array();
        boolean ok = "Succeeded".equals(outcome.executionState);
        if (windows) {
            value.add(status("ComponentStatus/StdOut/succeeded", outcome.output));
            value.add(status("ComponentStatus/StdErr/succeeded", outcome.error));
        } else {
            value.add(status(ok ? "ProvisioningState/succeeded" : "ProvisioningState/failed",
                    (ok ? "Enable succeeded: " : "Enable failed: ") + "\n[stdout]\n" + outcome.output
                            + "\n[stderr]\n" + outcome.error + "\n"));
        }
        return Json.object().set("value", value);
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

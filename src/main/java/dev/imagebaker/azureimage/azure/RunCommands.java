package dev.imagebaker.azureimage.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.compute.models.RunCommandInputParameter;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandInstanceView;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandScriptSource;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.imagebaker.azureimage.bake.cloud.BuildVm;
import dev.imagebaker.azureimage.bake.cloud.CloudTimeoutException;
import dev.imagebaker.azureimage.bake.cloud.ExecutionState;
import dev.imagebaker.azureimage.bake.cloud.RunCommandRequest;
import dev.imagebaker.azureimage.bake.cloud.ScriptLine;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Managed run commands as the plugin uses them. Always asynchronous (asyncExecution): a synchronous run ends after
 * about 90 minutes with VMExtensionProvisioningTimeout, and never when the script stops the guest agent. The
 * script's end is read from the instance view (first when a short script shows as ended, then backing off to every
 * 10 s: within Compute's per-VM read limits, and often enough for its output to look live), its streams are
 * followed in their append blobs while it runs. A VM holds at most 25 run commands (azure-compute-docs
 * run-command-overview.md): once it holds {@value #KEEP_AT_MOST}, each is deleted once read; below that they go with
 * the VM, which saves two requests per script.
 */
final class RunCommands {
    private static final Duration POLL_CEILING = Duration.ofSeconds(10);
    /** Time for Azure to report a script that ended; the run command's own timeout ends the script first. */
    private static final Duration REPORTING_MARGIN = Duration.ofMinutes(5);
    static final int KEEP_AT_MOST = 20;
    private final ArmClients clients;
    private final HttpClient httpClient;
    private final Known known;

    RunCommands(ArmClients clients, HttpClient httpClient, Known known) {
        this.clients = clients;
        this.httpClient = httpClient;
        this.known = known;
    }

    /** What the plugin knows of its VMs without asking Azure: their regions, how many run commands each holds. */
    static final class Known {
        private final Map<String, String> locations = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> runCommands = new ConcurrentHashMap<>();

        void created(BuildVm vm, String location) {
            locations.put(vm.id().toLowerCase(Locale.ROOT), location);
        }

        String location(BuildVm vm) {
            return vm.id() == null ? null : locations.get(vm.id().toLowerCase(Locale.ROOT));
        }

        /** Counts a new run command on the VM; whether it now holds so many that the ones read should go. */
        boolean crowded(BuildVm vm) {
            return runCommands.computeIfAbsent(vm.resourceGroup() + "/" + vm.name(), k -> new AtomicInteger())
                    .incrementAndGet() >= KEEP_AT_MOST;
        }
    }

    /** Creates the run command and waits until Azure has started the script (not for the script to end). */
    void start(BuildVm vm, RunCommandRequest request) {
        List<RunCommandInputParameter> parameters = new ArrayList<>();
        request.parameters().forEach((name, value) -> parameters.add(new RunCommandInputParameter().withName(name)
                .withValue(value)));
        List<RunCommandInputParameter> secrets = new ArrayList<>();
        request.protectedParameters().forEach((name, secret) -> secrets.add(new RunCommandInputParameter()
                .withName(name).withValue(secret.reveal())));
        VirtualMachineRunCommandScriptSource source = request.text() != null
                ? new VirtualMachineRunCommandScriptSource().withScript(request.text())
                : new VirtualMachineRunCommandScriptSource().withScriptUri(request.textUrl().reveal());
        VirtualMachineRunCommandInner command = new VirtualMachineRunCommandInner()
                .withLocation(location(vm))
                .withSource(source)
                .withParameters(parameters.isEmpty() ? null : parameters)
                .withProtectedParameters(secrets.isEmpty() ? null : secrets)
                .withAsyncExecution(true)
                .withTimeoutInSeconds((int) Math.min(Integer.MAX_VALUE, request.timeout().toSeconds()))
                .withTreatFailureAsDeploymentFailure(false);
        if (request.logs() != null) {
            command.withOutputBlobUri(request.logs().outputUrl().reveal())
                    .withErrorBlobUri(request.logs().errorUrl().reveal());
        }
        Lro.awaitDone(() -> clients.compute().getVirtualMachineRunCommands().beginCreateOrUpdate(vm.resourceGroup(),
                vm.name(), request.name(), command), request.timeout().plus(REPORTING_MARGIN),
                "Starting script " + request.name(), PollSchedule.QUICK);
    }

    /** Runs the script to its end, following its output; deletes the run command once the VM is crowded. */
    ScriptRun run(BuildVm vm, RunCommandRequest request, Consumer<ScriptLine> live) {
        boolean crowded = known.crowded(vm);
        start(vm, request);
        BlobTail output = request.logs() == null ? null : new BlobTail(request.logs().outputUrl().reveal(), httpClient);
        BlobTail error = request.logs() == null ? null : new BlobTail(request.logs().errorUrl().reveal(), httpClient);
        Instant deadline = Instant.now().plus(request.timeout()).plus(REPORTING_MARGIN);
        PollSchedule schedule = new PollSchedule(PollSchedule.SCRIPT, POLL_CEILING);
        VirtualMachineRunCommandInstanceView view;
        ExecutionState state;
        while (true) {
            view = instanceView(vm, request.name());
            state = ExecutionState.of(view == null || view.executionState() == null ? null
                    : view.executionState().toString());
            follow(output, error, live, state.finished());
            if (state.finished()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CloudTimeoutException("Script " + request.name(), request.timeout());
            }
            // Through the SDK's delay provider, so that the emulator's time scale shortens this wait too.
            ResourceManagerUtils.sleep(schedule.next());
        }
        String out = text(output, view.output());
        String err = text(error, view.error());
        if (crowded) {
            delete(vm, request);
        }
        return new ScriptRun(state, view.exitCode(), out, err, view.executionMessage());
    }

    private static void follow(BlobTail output, BlobTail error, Consumer<ScriptLine> live, boolean flush) {
        if (output != null) {
            output.read(flush).forEach(line -> live.accept(new ScriptLine(false, line)));
            error.read(flush).forEach(line -> live.accept(new ScriptLine(true, line)));
        }
    }

    /** The whole stream from its blob; the instance view's 4 KB tail when there is no blob, or nothing in it. */
    private static String text(BlobTail blob, String tail) {
        String text = blob == null ? "" : blob.text();
        return text.isEmpty() && tail != null ? tail : text;
    }

    private VirtualMachineRunCommandInstanceView instanceView(BuildVm vm, String name) {
        return Lro.call(() -> clients.compute().getVirtualMachineRunCommands()
                .getByVirtualMachineWithResponse(vm.resourceGroup(), vm.name(), name, "instanceView", Context.NONE)
                .getValue().instanceView());
    }

    private void delete(BuildVm vm, RunCommandRequest request) {
        Lro.awaitDone(() -> clients.compute().getVirtualMachineRunCommands().beginDelete(vm.resourceGroup(),
                vm.name(), request.name()), REPORTING_MARGIN, "Deleting run command " + request.name(),
                PollSchedule.QUICK);
    }

    private String location(BuildVm vm) {
        String location = known.location(vm);
        return location != null ? location : Lro.call(() -> clients.compute().getVirtualMachines()
                .getByResourceGroup(vm.resourceGroup(), vm.name()).location());
    }
}

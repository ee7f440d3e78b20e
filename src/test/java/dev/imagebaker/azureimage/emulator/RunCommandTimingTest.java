package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * A managed run command over time: its instance view while the script runs and when it ends, timeouts, and when
 * its long-running operation completes. Unless said otherwise the source is Azure/run-command-handler-linux (main,
 * "1.3.28 Update"): internal/cmds/cmds.go (updateStatusInSeconds = 15, maxTailLen = 4 * 1024, enable(),
 * appendToBlob), internal/commandProcessor/commandProcessor.go (the instance view texts) and internal/exec/exec.go
 * (timeout, exit status).
 */
class RunCommandTimingTest extends GuestTimeFixture {

    /** commandProcessor.go: Running, "Execution in progress", exit code 0, startTime; a tick every 15 s (cmds.go). */
    @Test
    void whileItRunsTheViewShowsTheOutputSoFarEvery15Seconds() throws Exception {
        String vm = vm("vm", false);
        java.time.Instant start = now.get();
        Answer put = runCommand(vm, "steps", script("echo one\nsleep 20\necho two >&2\nsleep 20\necho three\nexit 3"));
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().at("/properties/provisioningState").asText()).isEqualTo("Creating");
        JsonNode view = view(vm, "steps");
        assertThat(view.path("executionState").asText()).isEqualTo("Running");
        assertThat(view.path("executionMessage").asText()).isEqualTo("Execution in progress");
        assertThat(view.path("exitCode").asInt()).isZero();
        assertThat(view.path("startTime").asText()).isEqualTo(start.toString());
        assertThat(view.has("endTime")).isFalse();
        assertThat(view.path("output").asText()).isEmpty();

        advance(15);
        assertThat(view(vm, "steps").path("output").asText()).isEqualTo("one\n");
        advance(14);
        assertThat(view(vm, "steps").path("error").asText()).isEmpty();
        advance(1);
        assertThat(view(vm, "steps").path("error").asText()).isEqualTo("two\n");
        assertThat(operation(put).path("status").asText()).isEqualTo("InProgress");
    }

    /**
     * The end, shown Latency.RUN_COMMAND (15 s) after the script's last sleep: Failed with the handler's message for
     * a non-zero exit (exec.go "command terminated with exit status=%d", wrapped "failed to execute command",
     * prefixed "Execution failed: "), the exit code, endTime; provisioningState still Succeeded (runCommand.json
     * treatFailureAsDeploymentFailure: "If set to false, ProvisioningState would only reflect whether the run
     * command was run or not by the extensions platform").
     */
    @Test
    void aFailedScriptEndsFailedWithItsExitCodeAndTheRunCommandSucceeds() throws Exception {
        String vm = vm("vm", false);
        java.time.Instant start = now.get();
        Answer put = runCommand(vm, "steps", script("echo one\nsleep 20\necho two >&2\nsleep 20\necho three\nexit 3"));
        advance(54);
        assertThat(view(vm, "steps").path("executionState").asText()).isEqualTo("Running");
        advance(1);
        JsonNode view = view(vm, "steps");
        assertThat(view.path("executionState").asText()).isEqualTo("Failed");
        assertThat(view.path("executionMessage").asText())
                .isEqualTo("Execution failed: failed to execute command: command terminated with exit status=3");
        assertThat(view.path("exitCode").asInt()).isEqualTo(3);
        assertThat(view.path("output").asText()).isEqualTo("one\nthree\n");
        assertThat(view.path("error").asText()).isEqualTo("two\n");
        assertThat(view.path("endTime").asText()).isEqualTo(start.plusSeconds(40).toString());
        assertThat(operation(put).path("status").asText()).isEqualTo("Succeeded");
        assertThat(send("GET", vm + "/runCommands/steps" + V, null).json().at("/properties/provisioningState")
                .asText()).isEqualTo("Succeeded");
    }

    /** commandProcessor.go: Succeeded, "Execution completed", exit code 0. */
    @Test
    void aScriptThatSucceedsEndsExecutionCompleted() throws Exception {
        String vm = vm("vm", false);
        runCommand(vm, "ok", script("echo ok"));
        advance(15);
        JsonNode view = view(vm, "ok");
        assertThat(view.path("executionState").asText()).isEqualTo("Succeeded");
        assertThat(view.path("executionMessage").asText()).isEqualTo("Execution completed");
        assertThat(view.path("exitCode").asInt()).isZero();
        assertThat(view.path("output").asText()).isEqualTo("ok\n");
    }

    /** cmds.go getOutput: files.TailFile(path, maxTailLen), the last 4096 bytes of each stream. */
    @Test
    void theViewKeepsTheLast4096BytesOfEachStream() throws Exception {
        String vm = vm("vm", false);
        runCommand(vm, "long", script("echo '" + "a".repeat(5000) + "b'"));
        advance(15);
        String output = view(vm, "long").path("output").asText();
        assertThat(output).hasSize(4096).endsWith("ab\n");
    }

    /**
     * exec.go: with timeoutInSeconds > 0 the script runs under exec.CommandContext, which kills it; a signalled
     * process's exit status is -1, reported as "command terminated with exit status=-1". There is no TimedOut
     * state on Linux (types.TimedOut is never assigned on main).
     */
    @Test
    void aTimeoutKillsTheScriptWithExitStatusMinusOne() throws Exception {
        String vm = vm("vm", false);
        runCommand(vm, "slow", "{\"source\":{\"script\":\"echo start\\nsleep 100\\necho never\"},"
                + "\"timeoutInSeconds\":30}");
        advance(44);
        assertThat(view(vm, "slow").path("executionState").asText()).isEqualTo("Running");
        advance(1);
        JsonNode view = view(vm, "slow");
        assertThat(view.path("executionState").asText()).isEqualTo("Failed");
        assertThat(view.path("exitCode").asInt()).isEqualTo(-1);
        assertThat(view.path("executionMessage").asText())
                .isEqualTo("Execution failed: failed to execute command: command terminated with exit status=-1");
        assertThat(view.path("output").asText()).isEqualTo("start\n");
    }

    /**
     * exec.go's timeout kills the shell it started (exec.CommandContext kills that process only): a job the script
     * put in the background before goes on; what the script would have done later never happens.
     */
    @Test
    void aTimeoutKillsTheShellButNotItsBackgroundJobs() throws Exception {
        String early = vm("early", false);
        String late = vm("late", false);
        runCommand(early, "bg", "{\"source\":{\"script\":\"(sleep 40; shutdown -h now) &\\nsleep 100\"},"
                + "\"timeoutInSeconds\":30}");
        runCommand(late, "fg", "{\"source\":{\"script\":\"sleep 100\\nshutdown -h now\"},\"timeoutInSeconds\":30}");
        advance(45);
        assertThat(view(early, "bg").path("exitCode").asInt()).isEqualTo(-1);
        assertThat(powerState(early)).isEqualTo("PowerState/stopped");
        advance(200);
        assertThat(view(late, "fg").path("exitCode").asInt()).isEqualTo(-1);
        assertThat(powerState(late)).isEqualTo("PowerState/running");
    }

    /** A SCRIPT_HANG fault: the script never ends by itself, so its timeout ends it. */
    @Test
    void aHangingScriptRunsUntilItsTimeout() throws Exception {
        String vm = vm("vm", false);
        emulator.faults().add(FaultRule.scriptHang().resource("stuck"));
        runCommand(vm, "stuck", "{\"source\":{\"script\":\"echo hi\"},\"timeoutInSeconds\":600}");
        advance(600);
        assertThat(view(vm, "stuck").path("executionState").asText()).isEqualTo("Running");
        advance(15);
        assertThat(view(vm, "stuck").path("exitCode").asInt()).isEqualTo(-1);
    }

    /**
     * Linux has no default timeout (exec.go: exec.Command without a context when timeoutInSeconds is 0), but a
     * synchronous PUT is given up by CRP after 90 minutes with VMExtensionProvisioningTimeout
     * (azure-sdk-for-python#4369, Azure/custom-script-extension-linux#172); the script goes on and reports later.
     */
    @Test
    void aSynchronousRunLongerThan90MinutesFailsItsOperationButTheScriptGoesOn() throws Exception {
        String vm = vm("vm", false);
        Answer put = runCommand(vm, "long", script("sleep 6000\necho done"));
        advance(5399);
        assertThat(operation(put).path("status").asText()).isEqualTo("InProgress");
        advance(1);
        JsonNode operation = operation(put);
        assertThat(operation.path("status").asText()).isEqualTo("Failed");
        assertThat(operation.at("/error/code").asText()).isEqualTo("VMExtensionProvisioningTimeout");
        assertThat(operation.at("/error/message").asText()).isEqualTo("Provisioning of VM extension"
                + " 'RunCommandHandlerLinux' has timed out. Extension installation may be taking too long, or"
                + " extension status could not be obtained.");
        assertThat(view(vm, "long").path("executionState").asText()).isEqualTo("Running");
        advance(615);
        assertThat(view(vm, "long").path("executionState").asText()).isEqualTo("Succeeded");
        assertThat(view(vm, "long").path("output").asText()).isEqualTo("done\n");
    }

    /**
     * runCommand.json asyncExecution: "provisioning will complete as soon as the script starts"; cmds.go reports
     * success right before running it, and the instance view stays Running until the script ends.
     */
    @Test
    void anAsynchronousRunSucceedsAtOnceAndKeepsRunning() throws Exception {
        String vm = vm("vm", false);
        Answer put = runCommand(vm, "long", "{\"source\":{\"script\":\"sleep 6000\\necho done\"},"
                + "\"asyncExecution\":true}");
        assertThat(operation(put).path("status").asText()).isEqualTo("Succeeded");
        assertThat(send("GET", vm + "/runCommands/long" + V, null).json().at("/properties/provisioningState")
                .asText()).isEqualTo("Succeeded");
        advance(6000);
        assertThat(view(vm, "long").path("executionState").asText()).isEqualTo("Running");
        advance(15);
        assertThat(view(vm, "long").path("executionState").asText()).isEqualTo("Succeeded");
    }

    /** windows/run-command-managed.md: "The execution time should run longer than default timeout of 90 minutes". */
    @Test
    void aWindowsScriptHasA90MinuteDefaultTimeout() throws Exception {
        String vm = vm("win", true);
        runCommand(vm, "long", "{\"source\":{\"script\":\"Write-Output 'start'\\nStart-Sleep -Seconds 6000\"},"
                + "\"asyncExecution\":true}");
        advance(5414);
        assertThat(view(vm, "long").path("executionState").asText()).isEqualTo("Running");
        advance(1);
        assertThat(view(vm, "long").path("exitCode").asInt()).isEqualTo(-1);
        assertThat(view(vm, "long").path("output").asText()).isEqualTo("start\r\n");
    }

    /**
     * treatFailureAsDeploymentFailure (runCommand.json): "any failure in the script will fail the deployment and
     * ProvisioningState will be marked as Failed"; commandProcessor.go reports the extension status as error.
     */
    @Test
    void treatFailureAsDeploymentFailureFailsTheSynchronousOperation() throws Exception {
        String vm = vm("vm", false);
        Answer put = runCommand(vm, "fails", "{\"source\":{\"script\":\"echo no >&2; exit 4\"},"
                + "\"treatFailureAsDeploymentFailure\":true}");
        advance(15);
        JsonNode operation = operation(put);
        assertThat(operation.path("status").asText()).isEqualTo("Failed");
        assertThat(operation.at("/error/code").asText()).isEqualTo("VMExtensionProvisioningError");
        assertThat(send("GET", vm + "/runCommands/fails" + V, null).json().at("/properties/provisioningState")
                .asText()).isEqualTo("Failed");
    }

    /**
     * waagent -deprovision stops the agent that reports the run command (Azure/WALinuxAgent
     * azurelinuxagent/pa/deprovision/default.py stop_agent_service; issue #3547: "It may get killed before it sends
     * the terminal status"): the view stays Running and the synchronous PUT fails after 90 minutes.
     */
    @Test
    void aSynchronousDeprovisionNeverReportsAndItsOperationTimesOut() throws Exception {
        String vm = vm("vm", false);
        Answer put = runCommand(vm, "deprovision", script("echo going\nwaagent -force -deprovision+user"));
        advance(60 * 60);
        assertThat(operation(put).path("status").asText()).isEqualTo("InProgress");
        assertThat(view(vm, "deprovision").path("executionState").asText()).isEqualTo("Running");
        advance(30 * 60);
        assertThat(operation(put).at("/error/code").asText()).isEqualTo("VMExtensionProvisioningTimeout");
        assertThat(powerState(vm)).isEqualTo("PowerState/running");
    }

    /** A command started with nohup ... & returns at once: the run reports, then the guest deprovisions and stops. */
    @Test
    void aDetachedDeprovisionReportsThenTheGuestStops() throws Exception {
        String vm = vm("vm", false);
        Answer put = runCommand(vm, "deprovision", script("nohup sh -c 'sleep 5; waagent -force -deprovision+user"
                + " && shutdown -h now' >/dev/null 2>&1 &\necho started"));
        advance(15);
        assertThat(operation(put).path("status").asText()).isEqualTo("Succeeded");
        assertThat(view(vm, "deprovision").path("output").asText()).isEqualTo("started\n");
        assertThat(powerState(vm)).isEqualTo("PowerState/running");
        advance(10);
        assertThat(powerState(vm)).isEqualTo("PowerState/stopped");
    }

    /**
     * DELETE is long-running (runCommand.json: 200, 202, 204; the example's 202 carries Location) and kills a
     * running script with its process group (run-command-linux managed doc: "If the script execution is still in
     * progress, execution will be terminated"; internal/pid/pid.go kill(-pid)): a deprovision the script had put
     * in the background does not happen.
     */
    @Test
    void deleteKillsTheScriptAndItsBackgroundWork() throws Exception {
        String vm = vm("vm", false);
        runCommand(vm, "later", "{\"source\":{\"script\":\"(sleep 60; waagent -force -deprovision+user) &\\n"
                + "sleep 300\"},\"asyncExecution\":true}");
        advance(10);
        Answer deleted = send("DELETE", vm + "/runCommands/later" + V, null);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.header("Location")).isNotNull();
        advance(Latency.RUN_COMMAND_DELETE.nominal());
        assertThat(send("GET", vm + "/runCommands/later" + V, null).status()).isEqualTo(404);
        advance(120);
        JsonNode agent = send("GET", vm + "/instanceView" + V, null).json().path("vmAgent");
        assertThat(agent.at("/statuses/0/displayStatus").asText()).isEqualTo("Ready");
    }

    /**
     * PATCH (VirtualMachineRunCommands_Update): properties and tags, long-running, 200 with provisioningState
     * Updating; the script runs again with a new sequence number (cmds.go enablePre never runs one twice), in
     * download/&lt;name&gt;/&lt;seq&gt;/script.sh (exec.go).
     */
    @Test
    void patchRunsTheScriptAgainWithANewSequenceNumber() throws Exception {
        String vm = vm("vm", false);
        runCommand(vm, "again", script("echo \"$0\""));
        advance(15);
        assertThat(view(vm, "again").path("output").asText())
                .isEqualTo("/var/lib/waagent/run-command-handler/download/again/0/script.sh\n");
        Answer patched = send("PATCH", vm + "/runCommands/again" + V, "{\"tags\":{\"pass\":\"2\"},\"properties\":"
                + "{\"source\":{\"script\":\"echo \\\"second $0\\\"\"}}}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/properties/provisioningState").asText()).isEqualTo("Updating");
        assertThat(patched.json().at("/tags/pass").asText()).isEqualTo("2");
        advance(15);
        assertThat(operation(patched).path("status").asText()).isEqualTo("Succeeded");
        assertThat(view(vm, "again").path("output").asText())
                .isEqualTo("second /var/lib/waagent/run-command-handler/download/again/1/script.sh\n");
    }
}

package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ARM and CRP accept or refuse around managed run commands, and what the handler does before the script. */
class RunCommandRulesTest extends GuestTimeFixture {

    /**
     * MicrosoftDocs/azure-compute-docs articles/virtual-machines/run-command-overview.md: "The maximum number of
     * allowed Managed Run Commands is currently limited to 25"; message from MicrosoftDocs/azure-docs#117976;
     * finished ones count until deleted (azure-powershell#22403). 409 OperationNotAllowed is our choice.
     */
    @Test
    void aVmHoldsAtMost25RunCommandsUntilSomeAreDeleted() throws Exception {
        String vm = vm("vm", false);
        for (int i = 1; i <= 25; i++) {
            assertThat(runCommand(vm, "run" + i, script("true")).status()).isEqualTo(201);
        }
        advance(20);
        Answer refused = runCommand(vm, "run26", script("true"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("OperationNotAllowed");
        assertThat(refused.json().at("/error/message").asText()).startsWith("The maximum number of managed Run"
                + " commands (max=25, current=25) has been exceeded. Use fewer Run commands and retry the request.");
        assertThat(runCommand(vm, "run7", script("echo updated")).status()).isEqualTo(200);
        send("DELETE", vm + "/runCommands/run1" + V, null);
        advance(Latency.RUN_COMMAND_DELETE.nominal().plusSeconds(15));
        assertThat(runCommand(vm, "run26", script("true")).status()).isEqualTo(201);
    }

    /**
     * CRP error table (MicrosoftDocs/azure-docs includes/virtual-machines-common-error-messages.md):
     * OperationNotAllowed "Cannot modify extensions in the VM when the VM is not running." Run commands are
     * extensions; that PUT, PATCH and DELETE of one follow the rule is our inference.
     */
    @Test
    void runCommandsCannotChangeWhileTheVmIsNotRunning() throws Exception {
        String vm = vm("vm", false);
        runCommand(vm, "r", script("true"));
        advance(15);
        send("POST", vm + "/deallocate" + V, null);
        advance(Latency.VM_DEALLOCATE.nominal());
        for (Answer refused : new Answer[] {runCommand(vm, "r2", script("true")),
            send("PATCH", vm + "/runCommands/r" + V, "{\"properties\":{}}"),
            send("DELETE", vm + "/runCommands/r" + V, null)}) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().at("/error/message").asText())
                    .isEqualTo("Cannot modify extensions in the VM when the VM is not running.");
        }
    }

    /**
     * ARM's 4 MB request limit: azure-docs articles/azure-resource-manager/templates/best-practices.md ("the total
     * size of the request"), error text from Azure/azure-api-management-devops-resource-kit#594. Documented for
     * deployments only; applying it to every ARM request is our inference. Up to the limit a script is accepted
     * (no size limit documented for source.script: research/script-size.md).
     */
    @Test
    void armRefusesARequestBodyOver4MiB() throws Exception {
        String vm = vm("vm", false);
        String big = "#" + "x".repeat(4 * 1024 * 1024);
        Answer refused = runCommand(vm, "big", script(big));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.errorCode()).isEqualTo("RequestContentTooLarge");
        assertThat(refused.json().at("/error/message").asText())
                .isEqualTo("The request content size exceeds the maximum size of 4 MB.");
        assertThat(runCommand(vm, "large", script("#" + "x".repeat(1024 * 1024) + "\necho fine")).status())
                .isEqualTo(201);
        advance(15);
        assertThat(view(vm, "large").path("output").asText()).isEqualTo("fine\n");
    }

    /**
     * runCommand.json: "Use only one of these script sources"; ARM accepts the PUT and the handler refuses it
     * (run-command-handler-linux internal/handlersettings/handlersettings.go errSourceNotSpecified, wrapped by
     * GetHandlerSettings "invalid configuration" and enable() "failed to get configuration", exit code -202).
     */
    @Test
    void neitherOrBothScriptSourcesFailInTheGuest() throws Exception {
        String vm = vm("vm", false);
        assertThat(runCommand(vm, "none", "{\"source\":{}}").status()).isEqualTo(201);
        assertThat(runCommand(vm, "both", "{\"source\":{\"script\":\"echo\",\"scriptUri\":"
                + "\"https://example.invalid/x.sh\"}}").status()).isEqualTo(201);
        advance(15);
        for (String name : new String[] {"none", "both"}) {
            JsonNode view = view(vm, name);
            assertThat(view.path("executionState").asText()).isEqualTo("Failed");
            assertThat(view.path("exitCode").asInt()).isEqualTo(-202);
            assertThat(view.path("executionMessage").asText()).isEqualTo("Execution failed: failed to get"
                    + " configuration: invalid configuration: Either 'source.script' or 'source.scriptUri' has to be"
                    + " specified");
        }
    }

    /**
     * source.scriptUri (runCommand.json: "SAS URI of an Azure storage blob with read access"): the guest downloads
     * the script; a failed download is cmds.go's "File downloads failed..." with ExitCode_ScriptBlobDownloadFailed
     * (-100). The stored and returned URI has no query: the SAS travels apart (handlersettings SourceSASToken).
     */
    @Test
    void aScriptUriIsDownloadedWithItsSasWhichIsNeverShown(@TempDir Path dir) throws Exception {
        start(dir.resolve("cloud.json"));
        String vm = vm("vm", false);
        String blobs = storage();
        String write = sas("cw");
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(blobs + "setup.sh?" + write))
                .header("x-ms-blob-type", "BlockBlob").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "#!/bin/sh\necho downloaded script\n")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String read = sas("r");
        Answer put = runCommand(vm, "fromUri", "{\"source\":{\"scriptUri\":\"" + blobs + "setup.sh?" + read + "\"}}");
        assertThat(put.json().at("/properties/source/scriptUri").asText()).isEqualTo(blobs + "setup.sh");
        advance(15);
        assertThat(view(vm, "fromUri").path("output").asText()).isEqualTo("downloaded script\n");

        runCommand(vm, "noRead", "{\"source\":{\"scriptUri\":\"" + blobs + "setup.sh?" + write + "\"}}");
        advance(15);
        JsonNode view = view(vm, "noRead");
        assertThat(view.path("exitCode").asInt()).isEqualTo(-100);
        assertThat(view.path("executionMessage").asText()).startsWith("Execution failed: File downloads failed. Use"
                + " either a public script URI that points to .sh file, Azure storage blob SAS URI or storage blob"
                + " accessible by a managed identity and retry.");
        emulator.close();
        String sig = read.replaceAll(".*sig=([^&]+).*", "$1");
        assertThat(Files.readString(dir.resolve("cloud.json"))).doesNotContain(sig).doesNotContain(
                write.replaceAll(".*sig=([^&]+).*", "$1"));
        assertThat(emulator.inventoryJson()).doesNotContain(sig);
    }

    /**
     * exec.go SetEnvironmentVariables: a named parameter becomes an environment variable only when its value is
     * not empty; protected ones follow the public ones. Under set -u the script then fails as bash fails.
     */
    @Test
    void anEmptyParameterIsNotDeliveredAndFailsAScriptUnderNounset() throws Exception {
        String vm = vm("vm", false);
        String script = "#!/bin/bash\\nset -eu\\necho \\\"user=$APP_USER\\\"\\necho \\\"token=${#TOKEN}\\\"";
        runCommand(vm, "params", "{\"source\":{\"script\":\"" + script + "\"},\"parameters\":[{\"name\":"
                + "\"APP_USER\",\"value\":\"svc\"},{\"name\":\"TOKEN\",\"value\":\"\"}]}");
        advance(15);
        JsonNode view = view(vm, "params");
        assertThat(view.path("exitCode").asInt()).isEqualTo(1);
        assertThat(view.path("output").asText()).isEqualTo("user=svc\n");
        assertThat(view.path("error").asText()).isEqualTo("/var/lib/waagent/run-command-handler/download/params/0/"
                + "script.sh: line 4: TOKEN: unbound variable\n");

        runCommand(vm, "secret", "{\"source\":{\"script\":\"" + script + "\"},\"parameters\":[{\"name\":"
                + "\"APP_USER\",\"value\":\"svc\"}],\"protectedParameters\":[{\"name\":\"TOKEN\",\"value\":\"s3\"}]}");
        advance(15);
        assertThat(view(vm, "secret").path("output").asText()).isEqualTo("user=svc\ntoken=2\n");
    }

    /**
     * runAsUser: exec.go runs "echo <password> | sudo -S -u <user> <copied script>"; sudo's env_reset (sudoers(5))
     * drops the parameters' environment variables, and the copy lives under /home/<user>/waagent/...
     */
    @Test
    void runAsUserLosesTheParametersToSudo() throws Exception {
        String vm = vm("vm", false);
        runCommand(vm, "asUser", "{\"source\":{\"script\":\"set -u\\necho \\\"$APP_USER\\\"\"},\"runAsUser\":"
                + "\"builder\",\"runAsPassword\":\"pw\",\"parameters\":[{\"name\":\"APP_USER\",\"value\":\"svc\"}]}");
        advance(15);
        assertThat(view(vm, "asUser").path("error").asText()).isEqualTo("/home/builder/waagent/"
                + "run-command-handler-runas/download/asUser/0/script.sh: line 2: APP_USER: unbound variable\n");
    }
}

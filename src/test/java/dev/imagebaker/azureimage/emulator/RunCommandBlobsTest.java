package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * outputBlobUri and errorBlobUri. Sources: MicrosoftDocs/azure-compute-docs articles/virtual-machines/linux/
 * run-command-managed.md ("Output and error blobs must be of type AppendBlob and their SAS URLs must provide read,
 * append, create, write access ... The blob will be overwritten if it already exists"), and
 * Azure/run-command-handler-linux internal/cmds/cmds.go enable() (create or replace before the script, fail with
 * ExitCode_BlobCreateOrReplaceFailed -101 otherwise; appendToBlob every 15 s and once at the end).
 */
class RunCommandBlobsTest extends GuestTimeFixture {

    private static final String STEPS = "echo one\\nsleep 20\\necho two >&2\\nsleep 20\\necho three";

    @Test
    void theStreamsAreAppendedToTheBlobsEvery15SecondsAndAtTheEnd(@TempDir Path dir) throws Exception {
        start(dir.resolve("cloud.json"));
        String vm = vm("vm", false);
        String blobs = storage();
        String sas = sas("racw");
        http.send(HttpRequest.newBuilder(URI.create(blobs + "out.log?" + sas)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("an older run")).build(), HttpResponse.BodyHandlers.ofString());
        Answer put = runCommand(vm, "logged", "{\"source\":{\"script\":\"" + STEPS + "\"},\"outputBlobUri\":\""
                + blobs + "out.log?" + sas + "\",\"errorBlobUri\":\"" + blobs + "err.log?" + sas + "\"}");
        assertThat(put.json().at("/properties/outputBlobUri").asText()).isEqualTo(blobs + "out.log");
        assertThat(put.json().at("/properties/errorBlobUri").asText()).isEqualTo(blobs + "err.log");
        assertThat(blob(blobs, "out.log")).isEmpty();
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(blobs + "out.log?" + sas("r")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.headers().firstValue("x-ms-blob-type")).hasValue("AppendBlob");

        advance(15);
        assertThat(blob(blobs, "out.log")).isEqualTo("one\n");
        assertThat(blob(blobs, "err.log")).isEmpty();
        advance(15);
        assertThat(blob(blobs, "err.log")).isEqualTo("two\n");
        advance(10);
        assertThat(blob(blobs, "out.log")).isEqualTo("one\nthree\n");
        JsonNode stored = send("GET", vm + "/runCommands/logged" + V, null).json();
        assertThat(stored.at("/properties/outputBlobUri").asText()).isEqualTo(blobs + "out.log");
        emulator.close();
        String sig = sas.replaceAll(".*sig=([^&]+).*", "$1");
        assertThat(Files.readString(dir.resolve("cloud.json"))).doesNotContain(sig);
        assertThat(emulator.inventoryJson()).doesNotContain(sig);
    }

    @Test
    void aBlobTheSasCannotCreateStopsTheRunBeforeTheScript() throws Exception {
        String vm = vm("vm", false);
        String blobs = storage();
        runCommand(vm, "readOnly", "{\"source\":{\"script\":\"echo hello\"},\"outputBlobUri\":\"" + blobs
                + "out.log?" + sas("r") + "\"}");
        runCommand(vm, "noContainer", "{\"source\":{\"script\":\"echo hello\"},\"outputBlobUri\":\""
                + blobs.replace("/logs/", "/missing/") + "out.log?" + sas("racw") + "\"}");
        advance(15);
        JsonNode view = view(vm, "readOnly");
        assertThat(view.path("executionState").asText()).isEqualTo("Failed");
        assertThat(view.path("exitCode").asInt()).isEqualTo(-101);
        assertThat(view.path("executionMessage").asText()).startsWith("Execution failed: Error creating AppendBlob '"
                + blobs + "out.log' using SAS token or Managed identity. Please use a valid blob SAS URI with [read,"
                + " append, create, write] permissions OR managed identity");
        assertThat(view.path("output").asText()).isEmpty();
        assertThat(blob(blobs, "out.log")).isEqualTo("HTTP 404");
        assertThat(view(vm, "noContainer").path("exitCode").asInt()).isEqualTo(-101);
    }
}

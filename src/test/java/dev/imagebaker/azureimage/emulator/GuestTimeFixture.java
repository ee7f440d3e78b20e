package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * An emulator at Azure's own pace (time scale 1) whose clock the test moves by hand, driven by plain REST calls,
 * so that what a guest does over minutes can be looked at step by step, deterministically.
 */
abstract class GuestTimeFixture {
    static final String SUB = "/subscriptions/" + ArmEmulator.DEFAULT_SUBSCRIPTION;
    static final String RG = SUB + "/resourceGroups/rg";
    static final String V = "?api-version=2025-04-01";
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T10:00:00Z"));
    final HttpClient http = HttpClient.newHttpClient();
    ArmEmulator emulator;

    /** One answer: status, headers and JSON body (null when empty or not JSON). */
    record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return json.at("/error/code").asText();
        }
    }

    @BeforeEach
    void startEmulator() throws Exception {
        start(null);
    }

    /** (Re)starts the emulator, with a state file if given, and creates the resource group and network. */
    void start(java.nio.file.Path stateFile) throws Exception {
        if (emulator != null) {
            emulator.close();
        }
        ArmEmulator.Builder builder = ArmEmulator.builder().https(false).timeScale(1).timeSource(now::get);
        emulator = (stateFile == null ? builder : builder.stateFile(stateFile)).start();
        send("PUT", RG + V, "{\"location\":\"westeurope\"}");
        send("PUT", RG + "/providers/Microsoft.Network/virtualNetworks/net" + V, "{\"location\":\"westeurope\","
                + "\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/24\"]},\"subnets\":[{\"name\":"
                + "\"s\",\"properties\":{\"addressPrefix\":\"10.0.0.0/24\"}}]}}");
        advance(60);
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    void advance(long seconds) {
        now.updateAndGet(t -> t.plusSeconds(seconds));
    }

    void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    Answer send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path)
                        : emulator.endpoint().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer test");
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (r.body() != null && r.body().startsWith("{")) {
            json = Json.parse(r.body());
        }
        return new Answer(r.statusCode(), r, json);
    }

    /** A running VM from a marketplace image; returns its resource path. */
    String vm(String name, boolean windows) throws Exception {
        String nic = RG + "/providers/Microsoft.Network/networkInterfaces/" + name + "-nic";
        send("PUT", nic + V, "{\"location\":\"westeurope\",\"properties\":{\"ipConfigurations\":[{\"name\":\"ip\","
                + "\"properties\":{\"subnet\":{\"id\":\"" + RG + "/providers/Microsoft.Network/virtualNetworks/net"
                + "/subnets/s\"}}}]}}");
        advance(10);
        String image = windows
                ? "{\"publisher\":\"MicrosoftWindowsServer\",\"offer\":\"WindowsServer\",\"sku\":"
                + "\"2022-datacenter-azure-edition\",\"version\":\"latest\"}"
                : "{\"publisher\":\"Canonical\",\"offer\":\"ubuntu-24_04-lts\",\"sku\":\"server\",\"version\":\"latest\"}";
        String os = windows
                ? "{\"computerName\":\"" + name + "\",\"adminUsername\":\"builder\",\"adminPassword\":\"S3cret-Passw0rd-42\"}"
                : "{\"computerName\":\"" + name + "\",\"adminUsername\":\"azureuser\",\"linuxConfiguration\":"
                + "{\"disablePasswordAuthentication\":true,\"ssh\":{\"publicKeys\":[{\"path\":\"/home/azureuser/.ssh/"
                + "authorized_keys\",\"keyData\":\"" + TestKeys.SSH_PUBLIC_KEY + "\"}]}}}";
        String path = RG + "/providers/Microsoft.Compute/virtualMachines/" + name;
        Answer created = send("PUT", path + V, "{\"location\":\"westeurope\",\"properties\":{\"hardwareProfile\":"
                + "{\"vmSize\":\"Standard_D2s_v5\"},\"storageProfile\":{\"imageReference\":" + image + "},"
                + "\"osProfile\":" + os + ",\"networkProfile\":{\"networkInterfaces\":[{\"id\":\"" + nic + "\"}]}}}");
        assertThat(created.status()).isEqualTo(201);
        advance(Latency.VM_CREATE.nominal().plusSeconds(1));
        assertThat(powerState(path)).isEqualTo("PowerState/running");
        return path;
    }

    String powerState(String vm) throws Exception {
        for (JsonNode s : send("GET", vm + "/instanceView" + V, null).json().path("statuses")) {
            if (s.path("code").asText().startsWith("PowerState/")) {
                return s.path("code").asText();
            }
        }
        return null;
    }

    /** PUT of a run command with the given properties JSON. */
    Answer runCommand(String vm, String name, String properties) throws Exception {
        return send("PUT", vm + "/runCommands/" + name + V, "{\"location\":\"westeurope\",\"properties\":"
                + properties + "}");
    }

    static String script(String script) {
        return "{\"source\":{\"script\":" + Json.MAPPER.valueToTree(script) + "}}";
    }

    /** The run command's instance view, as GET ...?$expand=instanceView returns it. */
    JsonNode view(String vm, String name) throws Exception {
        return send("GET", vm + "/runCommands/" + name + V + "&$expand=instanceView", null).json()
                .path("properties").path("instanceView");
    }

    /** The status body of the operation a PUT (or DELETE) started. */
    JsonNode operation(Answer started) throws Exception {
        return send("GET", started.header("Azure-AsyncOperation"), null).json();
    }

    /** A storage account with a container "logs"; returns the blob endpoint. */
    String storage() throws Exception {
        String account = RG + "/providers/Microsoft.Storage/storageAccounts/azimgruns01";
        send("PUT", account + V, "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":"
                + "\"StorageV2\"}");
        advance(Latency.STORAGE_ACCOUNT_CREATE.nominal().plusSeconds(1));
        send("PUT", account + "/blobServices/default/containers/logs" + V, "{}");
        return emulator.endpoint() + "azimgruns01/logs/";
    }

    /** A service SAS for the container, minted by ARM, valid an hour of real time (SAS checks read the real clock). */
    String sas(String permissions) throws Exception {
        ObjectNode in = Json.object();
        in.put("canonicalizedResource", "/blob/azimgruns01/logs");
        in.put("signedResource", "c");
        in.put("signedPermission", permissions);
        in.put("signedExpiry", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        return send("POST", RG + "/providers/Microsoft.Storage/storageAccounts/azimgruns01/ListServiceSas" + V,
                Json.write(in)).json().path("serviceSasToken").asText();
    }

    /** A blob's content as the storage service serves it, through a read SAS. */
    String blob(String endpoint, String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + name + "?" + sas("r")))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

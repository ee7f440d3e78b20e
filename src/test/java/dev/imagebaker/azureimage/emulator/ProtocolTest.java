package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire contract: status codes, long-running operation headers, auth, persistence, identity endpoints. */
class ProtocolTest {
    private static final String SUB = "/subscriptions/" + ArmEmulator.DEFAULT_SUBSCRIPTION;
    private static final String V = "?api-version=2025-04-01";
    private final HttpClient http = HttpClient.newHttpClient();
    private ArmEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private ArmEmulator start(double timeScale) throws Exception {
        emulator = ArmEmulator.builder().https(false).timeScale(timeScale).start();
        return emulator;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, "Bearer test");
    }

    private HttpResponse<String> send(String method, String path, String body, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(emulator.endpoint().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    @Test
    void resourceGroupHeadAnswers204Or404() throws Exception {
        start(0);
        assertThat(send("HEAD", SUB + "/resourcegroups/rg" + V, null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", SUB + "/resourcegroups/rg" + V, "{\"location\":\"westeurope\"}").statusCode())
                .isEqualTo(201);
        assertThat(send("PUT", SUB + "/resourcegroups/rg" + V, "{\"location\":\"westeurope\"}").statusCode())
                .isEqualTo(200);
        assertThat(send("HEAD", SUB + "/resourceGroups/RG" + V, null).statusCode()).isEqualTo(204);
    }

    @Test
    void armChecksTokenApiVersionSubscriptionAndLocation() throws Exception {
        start(0);
        HttpResponse<String> noToken = send("GET", SUB + "/resourcegroups" + V, null, null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(json(noToken).at("/error/code").asText()).isEqualTo("AuthenticationFailed");
        HttpResponse<String> noVersion = send("GET", SUB + "/resourcegroups", null);
        assertThat(json(noVersion).at("/error/code").asText()).isEqualTo("MissingApiVersionParameter");
        HttpResponse<String> unknown = send("GET", "/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups"
                + V, null);
        assertThat(json(unknown).at("/error/code").asText()).isEqualTo("SubscriptionNotFound");
        HttpResponse<String> badRegion = send("PUT", SUB + "/resourcegroups/rg" + V, "{\"location\":\"mars\"}");
        assertThat(badRegion.statusCode()).isEqualTo(400);
        assertThat(json(badRegion).at("/error/code").asText()).isEqualTo("LocationNotAvailableForResourceType");
    }

    @Test
    void longRunningOperationsAnswerWithAbsoluteStatusUrlsAndRetryAfter() throws Exception {
        start(1);
        send("PUT", SUB + "/resourcegroups/rg" + V, "{\"location\":\"westeurope\"}");
        HttpResponse<String> gallery = send("PUT", SUB + "/resourceGroups/rg/providers/Microsoft.Compute/galleries/g"
                + V, "{\"location\":\"westeurope\"}");
        assertThat(gallery.statusCode()).isEqualTo(201);
        assertThat(json(gallery).at("/properties/provisioningState").asText()).isEqualTo("Creating");
        String status = gallery.headers().firstValue("Azure-AsyncOperation").orElseThrow();
        assertThat(status).startsWith(emulator.endpoint().toString().replaceAll("/$", "")).contains("api-version=");
        assertThat(gallery.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> poll = http.send(HttpRequest.newBuilder(URI.create(status))
                .header("Authorization", "Bearer t").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(poll).path("status").asText()).isEqualTo("InProgress");

        HttpResponse<String> delete = send("DELETE", SUB + "/resourcegroups/rg" + V, null);
        assertThat(delete.statusCode()).isEqualTo(202);
        String location = delete.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> result = http.send(HttpRequest.newBuilder(URI.create(location))
                .header("Authorization", "Bearer t").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(result.statusCode()).isEqualTo(202);
        HttpResponse<String> again = send("PUT", SUB + "/resourcegroups/rg" + V, "{\"location\":\"westeurope\"}");
        assertThat(json(again).at("/error/code").asText()).isEqualTo("ResourceGroupBeingDeleted");
    }

    /**
     * ARM refuses a request body over 4 MB: azure-docs articles/azure-resource-manager/templates/best-practices.md
     * ("You may get an error ... if the total size of the request is too large"); code and text as deployments get
     * them (Azure/azure-api-management-devops-resource-kit#594). That every ARM request is held to it is our inference.
     */
    @Test
    void armRefusesRequestBodiesOver4MiB() throws Exception {
        start(0);
        String tags = "{\"location\":\"westeurope\",\"tags\":{\"big\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}}";
        HttpResponse<String> refused = send("PUT", SUB + "/resourcegroups/rg" + V, tags);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("RequestContentTooLarge");
        assertThat(json(refused).at("/error/message").asText())
                .isEqualTo("The request content size exceeds the maximum size of 4 MB.");
    }

    @Test
    void faultsThrottleFailAndEndOperationsFailed() throws Exception {
        start(0);
        emulator.faults().add(FaultRule.throttle("Microsoft.Resources/subscriptions/resourceGroups/write", 7)
                .times(1));
        HttpResponse<String> throttled = send("PUT", SUB + "/resourcegroups/rg" + V, "{\"location\":\"westeurope\"}");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(send("PUT", SUB + "/resourcegroups/rg" + V, "{\"location\":\"westeurope\"}").statusCode())
                .isEqualTo(201);

        emulator.faults().add(FaultRule.operationFailed("Microsoft.Compute/galleries/write", "InternalOperationError",
                "Injected.").resource("g*"));
        HttpResponse<String> gallery = send("PUT", SUB + "/resourceGroups/rg/providers/Microsoft.Compute/galleries/g1"
                + V, "{\"location\":\"westeurope\"}");
        assertThat(gallery.statusCode()).isEqualTo(201);
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(
                gallery.headers().firstValue("Azure-AsyncOperation").orElseThrow())).header("Authorization", "Bearer t")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(status).path("status").asText()).isEqualTo("Failed");
        assertThat(json(status).at("/error/code").asText()).isEqualTo("InternalOperationError");
        assertThat(emulator.faults().fired()).hasSize(2);
    }

    @Test
    void faultsCanComeFromJson() {
        Faults faults = new Faults().addAll(Json.parse("[{\"kind\":\"http_error\",\"operation\":\"Microsoft.Compute/"
                + "virtualMachines/*\",\"status\":409,\"code\":\"Conflict\",\"times\":-1},"
                + "{\"kind\":\"SCRIPT_EXIT\",\"resource\":\"20-*\",\"exitCode\":3,\"stderr\":\"boom\"}]"));
        FaultRule conflict = faults.take(FaultRule.Kind.HTTP_ERROR, "Microsoft.Compute/virtualMachines/write", "vm");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(faults.take(FaultRule.Kind.HTTP_ERROR, "Microsoft.Compute/virtualMachines/delete", "x")).isNotNull();
        assertThat(faults.take(FaultRule.Kind.SCRIPT_EXIT, "Microsoft.Compute/virtualMachines/runCommands/write",
                "10-packages")).isNull();
        FaultRule exit = faults.take(FaultRule.Kind.SCRIPT_EXIT, "Microsoft.Compute/virtualMachines/runCommands/write",
                "20-app");
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(faults.take(FaultRule.Kind.SCRIPT_EXIT, "Microsoft.Compute/virtualMachines/runCommands/write",
                "20-app")).isNull();
    }

    @Test
    void stateIsSharedThroughTheStateFile(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("cloud.json");
        emulator = ArmEmulator.builder().https(false).stateFile(state).start();
        send("PUT", SUB + "/resourcegroups/kept" + V, "{\"location\":\"westeurope\",\"tags\":{\"a\":\"b\"}}");
        emulator.close();
        emulator = ArmEmulator.builder().https(false).stateFile(state).start();
        HttpResponse<String> kept = send("GET", SUB + "/resourcegroups/kept" + V, null);
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(json(kept).at("/tags/a").asText()).isEqualTo("b");
    }

    @Test
    void secretsAreNeverStored(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("cloud.json");
        emulator = ArmEmulator.builder().https(false).stateFile(state).start();
        String rg = SUB + "/resourceGroups/rg";
        send("PUT", rg + V, "{\"location\":\"westeurope\"}");
        send("PUT", rg + "/providers/Microsoft.Network/virtualNetworks/net" + V, "{\"location\":\"westeurope\","
                + "\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/24\"]},\"subnets\":[{\"name\":"
                + "\"s\",\"properties\":{\"addressPrefix\":\"10.0.0.0/24\"}}]}}");
        send("PUT", rg + "/providers/Microsoft.Network/networkInterfaces/nic" + V, "{\"location\":\"westeurope\","
                + "\"properties\":{\"ipConfigurations\":[{\"name\":\"ip\",\"properties\":{\"subnet\":{\"id\":\""
                + rg + "/providers/Microsoft.Network/virtualNetworks/net/subnets/s\"}}}]}}");
        HttpResponse<String> vm = send("PUT", rg + "/providers/Microsoft.Compute/virtualMachines/win" + V,
                "{\"location\":\"westeurope\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v5\"},"
                        + "\"storageProfile\":{\"imageReference\":{\"publisher\":\"MicrosoftWindowsServer\",\"offer\":"
                        + "\"WindowsServer\",\"sku\":\"2022-datacenter-azure-edition\",\"version\":\"latest\"}},"
                        + "\"osProfile\":{\"computerName\":\"win\",\"adminUsername\":\"builder\",\"adminPassword\":"
                        + "\"S3cret-Passw0rd-42\",\"customData\":\"c2VjcmV0\"},\"networkProfile\":{"
                        + "\"networkInterfaces\":[{\"id\":\"" + rg + "/providers/Microsoft.Network/networkInterfaces/nic"
                        + "\"}]}}}");
        assertThat(vm.statusCode()).isEqualTo(201);
        assertThat(vm.body()).doesNotContain("S3cret-Passw0rd-42").doesNotContain("c2VjcmV0");
        HttpResponse<String> run = send("PUT", rg + "/providers/Microsoft.Compute/virtualMachines/win/runCommands/r" + V,
                "{\"location\":\"westeurope\",\"properties\":{\"source\":{\"script\":\"echo $env:TOKEN\"},"
                        + "\"protectedParameters\":[{\"name\":\"TOKEN\",\"value\":\"top-secret-token\"}]}}");
        assertThat(run.statusCode()).isEqualTo(201);
        assertThat(run.body()).doesNotContain("top-secret-token");
        emulator.close();
        assertThat(Files.readString(state)).doesNotContain("S3cret-Passw0rd-42").doesNotContain("top-secret-token")
                .doesNotContain("c2VjcmV0");
        assertThat(emulator.inventoryJson()).doesNotContain("S3cret-Passw0rd-42").doesNotContain("top-secret-token");
    }

    @Test
    void servesHttpsWithItsCertificateAndTheCustomCloudEndpoints() throws Exception {
        emulator = ArmEmulator.builder().start();
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(emulator.certificatePem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
        URI base = emulator.endpoint();
        assertThat(base.getScheme()).isEqualTo("https");
        HttpResponse<String> token = https.send(HttpRequest.newBuilder(base.resolve("/adfs/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=a&client_secret=b"
                        + "&resource=https://management.core.windows.net/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = json(token).path("access_token").asText();
        assertThat(accessToken).isNotBlank();
        HttpResponse<String> subscriptions = https.send(HttpRequest.newBuilder(base.resolve("/subscriptions"
                + "?api-version=2022-12-01")).header("Authorization", "Bearer " + accessToken).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(subscriptions).at("/value/0/subscriptionId").asText())
                .isEqualTo(ArmEmulator.DEFAULT_SUBSCRIPTION);
        HttpResponse<String> metadata = https.send(HttpRequest.newBuilder(base.resolve("/metadata/endpoints"
                + "?api-version=2019-05-01")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(metadata).path("resourceManager").asText()).isEqualTo(base.toString());
        HttpResponse<String> openid = https.send(HttpRequest.newBuilder(base.resolve(
                "/adfs/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(openid).path("token_endpoint").asText()).endsWith("/adfs/oauth2/token");
    }

    @Test
    void operationNamesFollowAzureRbacNames() {
        assertThat(OperationName.of("PUT", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/"
                + "virtualMachines/vm")).isEqualTo("Microsoft.Compute/virtualMachines/write");
        assertThat(OperationName.of("POST", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/"
                + "virtualMachines/vm/deallocate")).isEqualTo("Microsoft.Compute/virtualMachines/deallocate/action");
        assertThat(OperationName.of("PUT", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/"
                + "virtualMachines/vm/runCommands/r")).isEqualTo("Microsoft.Compute/virtualMachines/runCommands/write");
        assertThat(OperationName.of("DELETE", "/subscriptions/s/resourcegroups/g"))
                .isEqualTo("Microsoft.Resources/subscriptions/resourcegroups/delete");
        assertThat(ArmServer.resourceName("/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/"
                + "virtualMachines/vm/start")).isEqualTo("vm");
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * POST .../virtualMachines/{vm}/retrieveBootDiagnosticsData (spec VirtualMachine_RetrieveBootDiagnosticsData.json):
 * read-SAS URIs of the VM's console screenshot and serial console log. With boot diagnostics enabled and no
 * storageUri, Azure keeps them in a storage account of its own (managed boot diagnostics, acd boot-diagnostics.md);
 * the emulator does the same with an account in a platform subscription that no inventory shows, served by the
 * emulator's blob service. Each call writes the log afresh, so it tells the guest's story so far.
 */
final class BootDiagnosticsApi implements ResourceApi {
    /** The subscription that owns managed boot diagnostics storage; clients never see it. */
    static final String PLATFORM_SUBSCRIPTION = "00000000-0000-0000-0000-0000000000bd";
    /** Azure's default SAS lifetime when the call names none. */
    private static final int DEFAULT_MINUTES = 120;
    private final CloudState cloud;

    BootDiagnosticsApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("POST", VirtualMachinesApi.VMS.item() + "/retrieveBootDiagnosticsData", this::retrieve);
    }

    private ArmResponse retrieve(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        Resource vm = cloud.require(VirtualMachinesApi.VMS.id(p));
        if (!vm.properties().path("diagnosticsProfile").path("bootDiagnostics").path("enabled").asBoolean()) {
            // 409 is what clients see (canonical pycloudlib catches ResourceExistsError); the code is a best guess,
            // in line with Compute's other 409s: Azure's own was not found.
            throw ArmException.operationNotAllowed("Boot diagnostics is not enabled for virtual machine '"
                    + vm.name() + "'. Enable diagnosticsProfile.bootDiagnostics to retrieve its boot diagnostics.");
        }
        String minutes = req.query("sasUriExpirationTimeInMinutes");
        int lifetime = minutes == null || minutes.isBlank() ? DEFAULT_MINUTES : Integer.parseInt(minutes.trim());
        Resource account = account(vm);
        String vmId = Json.text(vm.properties(), "vmId");
        String container = container(account, "bootdiagnostics-" + shortName(vm.name()) + "-" + vmId);
        String storageId = account.state.path("storageId").asText();
        String log = vm.name() + "." + vmId + ".serialconsole.log";
        String screenshot = vm.name() + "." + vmId + ".screenshot.bmp";
        cloud.blobs.put(storageId, container, log, SerialConsoleLog.of(cloud, vm).getBytes(StandardCharsets.UTF_8),
                "text/plain");
        cloud.blobs.put(storageId, container, screenshot, blackPixel(), "image/bmp");
        ObjectNode body = Json.object();
        body.put("consoleScreenshotBlobUri", url(req, account, container, screenshot, lifetime));
        body.put("serialConsoleLogBlobUri", url(req, account, container, log, lifetime));
        return ArmResponse.ok(body);
    }

    /** A read SAS for one blob, valid for the given minutes of wall time (the blob service checks wall time). */
    private String url(ArmRequest req, Resource account, String container, String blob, int minutes) {
        byte[] key = cloud.blobs.key(account.state.path("storageId").asText());
        String expiry = Instant.now().plus(minutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        boolean https = req.baseUrl().startsWith("https:");
        String sas = ServiceSas.sign(key, "/blob/" + account.name() + "/" + container + "/" + blob, "b", "r", null,
                expiry, https ? "https" : null);
        return req.baseUrl() + "/" + account.name() + "/" + container + "/" + blob + "?" + sas;
    }

    /** The platform's storage account for the VM's subscription and region, created on first use. */
    private Resource account(Resource vm) {
        String name = "bd" + hash(vm.id.subscription() + "/" + vm.location()).substring(0, 20);
        ResourceId id = ResourceId.of(PLATFORM_SUBSCRIPTION, "bootdiagnostics-" + vm.location(),
                "Microsoft.Storage/storageAccounts/" + name);
        Resource account = cloud.inventory.get(id);
        if (account == null) {
            ObjectNode body = CloudState.newBody(id, vm.location(), Json.object());
            body.putObject("sku").put("name", "Standard_LRS");
            body.put("kind", "StorageV2");
            Json.with(body, "properties").put("provisioningState", "Succeeded");
            ObjectNode state = Json.object();
            state.put("storageId", UUID.randomUUID().toString());
            state.put(Inventory.PLATFORM, true);
            account = new Resource(id, body, state);
            cloud.inventory.put(account);
        }
        return account;
    }

    private String container(Resource account, String name) {
        ResourceId id = account.id.child("blobServices", "default").child("containers", name);
        if (cloud.inventory.get(id) == null) {
            ObjectNode body = CloudState.newBody(id, null, Json.object());
            body.remove("tags");
            body.put("type", "Microsoft.Storage/storageAccounts/blobServices/containers");
            ObjectNode state = Json.object().put("account", account.id.value());
            state.put(Inventory.PLATFORM, true);
            cloud.inventory.put(new Resource(id, body, state));
        }
        return name;
    }

    /** Azure puts the VM name's first nine letters and digits into the container name. */
    private static String shortName(String vmName) {
        String clean = vmName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return clean.substring(0, Math.min(9, clean.length()));
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 1x1 black bitmap: the screenshot of a console with nothing on it. */
    private static byte[] blackPixel() {
        byte[] bmp = new byte[58];
        bmp[0] = 'B';
        bmp[1] = 'M';
        bmp[2] = 58;
        bmp[10] = 54;
        bmp[14] = 40;
        bmp[18] = 1;
        bmp[22] = 1;
        bmp[26] = 1;
        bmp[28] = 24;
        bmp[34] = 4;
        return bmp;
    }
}

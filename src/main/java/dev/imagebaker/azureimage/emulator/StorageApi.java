package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Microsoft.Storage: storage accounts (names globally unique, 3 to 24 lowercase letters and digits), their keys,
 * service SAS tokens minted by ARM (listServiceSas), and blob containers. Creation is long-running the storage
 * way: 202 with a Location header only.
 */
final class StorageApi implements ResourceApi {
    private static final ResourcePath ACCOUNTS = ResourcePath.inGroup("Microsoft.Storage/storageAccounts", "account");
    private static final String ACCOUNT = ACCOUNTS.item();
    private static final String CONTAINER = ACCOUNT + "/blobServices/default/containers/{container}";
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]{3,24}$");
    private final CloudState cloud;

    StorageApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("PUT", ACCOUNT, this::put);
        router.add("PATCH", ACCOUNT, this::patch);
        // Deleting an account is synchronous and takes its containers with it.
        new ResourceRoutes(cloud, ACCOUNTS).deletedAtOnce().removedBy(this::removeWithContainers).register(router);
        router.add("POST", ACCOUNT + "/listKeys", this::listKeys);
        router.add("POST", ACCOUNT + "/ListServiceSas", this::listServiceSas);
        router.add("POST", "/subscriptions/{sub}/providers/Microsoft.Storage/checkNameAvailability", this::checkName);
        router.add("PUT", CONTAINER, this::putContainer);
        // Containers are simpler than plain resources: found by id alone, and DELETE answers 200 even when absent.
        router.add("GET", CONTAINER, (req, p) -> ArmResponse.ok(cloud.require(containerId(p)).body));
        router.add("DELETE", CONTAINER, (req, p) -> {
            cloud.inventory.remove(containerId(p));
            return ArmResponse.status(200);
        });
    }

    private ResourceId containerId(Router.Params p) {
        return ACCOUNTS.id(p).child("blobServices", "default").child("containers", p.get("container"));
    }

    private Resource account(Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        return cloud.require(ACCOUNTS.id(p));
    }

    /** The storage account of that name anywhere: names are global, like their DNS names. */
    Resource byName(String name) {
        return cloud.inventory.all().stream()
                .filter(r -> r.id.type().equalsIgnoreCase("Microsoft.Storage/storageAccounts"))
                .filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private ArmResponse put(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        ResourceId id = ACCOUNTS.id(p);
        String name = id.name();
        if (!NAME.matcher(name).matches()) {
            throw new ArmException(400, "AccountNameInvalid", name + " is not a valid storage account name. Storage"
                    + " account name must be between 3 and 24 characters in length and use numbers and lower-case"
                    + " letters only.");
        }
        Resource taken = byName(name);
        if (taken != null && !taken.id.sameAs(id.value())) {
            throw new ArmException(409, "StorageAccountAlreadyTaken", "The storage account named " + name
                    + " is already taken.");
        }
        ObjectNode request = req.body();
        String location = cloud.requireLocation(request, "Microsoft.Storage/storageAccounts");
        if (taken != null) {
            return ArmResponse.ok(taken.body);
        }
        String sku = request.path("sku").path("name").asText(null);
        if (sku == null) {
            throw ArmException.invalidParameter("Required parameter 'sku' is missing (null).", "sku");
        }
        ObjectNode body = CloudState.newBody(id, location, request);
        body.set("sku", request.get("sku").deepCopy());
        AzureEnums.normalize(body.get("sku"), "name", AzureEnums.STORAGE_SKUS, "sku.name");
        skuTier((ObjectNode) body.get("sku"));
        body.put("kind", AzureEnums.canonical(request.path("kind").asText("StorageV2"), AzureEnums.STORAGE_KINDS,
                "kind"));
        ObjectNode props = Json.with(body, "properties");
        for (com.fasterxml.jackson.databind.JsonNode rule : props.path("networkAcls").path("virtualNetworkRules")) {
            // A subnet rule as Azure stores it (spec StorageAccountUpdate.json): action defaults to Allow.
            ((ObjectNode) rule).put("action", rule.path("action").asText("Allow")).put("state", "Succeeded");
        }
        props.put("provisioningState", "Creating");
        props.put("creationTime", cloud.clock.now().toString());
        Json.with(props, "primaryEndpoints").put("blob", req.baseUrl() + "/" + name + "/");
        ObjectNode state = Json.object();
        state.put("storageId", UUID.randomUUID().toString());
        Resource account = new Resource(id, body, state);
        cloud.inventory.put(account);
        Operations.Op op = cloud.start(req, id, location, cloud.clock.after(Latency.STORAGE_ACCOUNT_CREATE), () -> {
            props.put("provisioningState", "Succeeded");
            return account.body;
        });
        return cloud.withRetryAfter(ArmResponse.status(202)
                .header("Location", cloud.operations.resultUrl(req.baseUrl(), op, req.apiVersion())), op);
    }

    /**
     * StorageAccounts_Update (StorageAccountUpdate.json): synchronous, 200 with the account; tags, sku and the
     * properties sent replace the stored ones.
     */
    private ArmResponse patch(ArmRequest req, Router.Params p) {
        Resource account = account(p);
        ObjectNode request = req.body();
        if (request.get("tags") instanceof ObjectNode tags) {
            account.body.set("tags", tags.deepCopy());
        }
        if (request.get("sku") instanceof ObjectNode sku) {
            AzureEnums.normalize(sku, "name", AzureEnums.STORAGE_SKUS, "sku.name");
            skuTier(sku);
            account.body.set("sku", sku.deepCopy());
        }
        if (request.get("properties") instanceof ObjectNode props) {
            props.fields().forEachRemaining(f -> account.properties().set(f.getKey(), f.getValue().deepCopy()));
        }
        return ArmResponse.ok(account.body);
    }

    /** The read-only tier that StorageAccountGetProperties.json shows beside the sku name. */
    private static void skuTier(ObjectNode sku) {
        sku.put("tier", sku.path("name").asText().startsWith("Premium") ? "Premium" : "Standard");
    }

    private void removeWithContainers(Resource account) {
        cloud.inventory.within(account.id, null).forEach(r -> cloud.inventory.remove(r.id));
        cloud.inventory.remove(account.id);
    }

    private byte[] key(Resource account) {
        return cloud.blobs.key(account.state.path("storageId").asText());
    }

    private ArmResponse listKeys(ArmRequest req, Router.Params p) {
        Resource account = account(p);
        ObjectNode body = Json.object();
        // StorageAccountListKeys.json: each key with its creationTime, here the account's.
        body.putArray("keys").addObject().put("keyName", "key1").put("permissions", "FULL")
                .put("value", Base64.getEncoder().encodeToString(key(account)))
                .put("creationTime", account.properties().path("creationTime").asText());
        return ArmResponse.ok(body);
    }

    /** A service SAS minted by ARM: the canonical resource must be one of this account's. */
    private ArmResponse listServiceSas(ArmRequest req, Router.Params p) {
        Resource account = account(p);
        ObjectNode in = req.body();
        String canonical = in.path("canonicalizedResource").asText("");
        if (!canonical.startsWith("/blob/" + account.name() + "/")) {
            throw ArmException.invalidParameter("canonicalizedResource must be /blob/" + account.name()
                    + "/<container>[/<blob>], not '" + canonical + "'.", "canonicalizedResource");
        }
        String expiry = in.path("signedExpiry").asText(null);
        String permissions = in.path("signedPermission").asText("");
        String resource = in.path("signedResource").asText("");
        if (expiry == null || permissions.isEmpty() || !(resource.equals("b") || resource.equals("c"))) {
            throw ArmException.invalidParameter("signedExpiry, signedPermission and signedResource (b or c) are"
                    + " required.", "parameters");
        }
        String token = ServiceSas.sign(key(account), canonical, resource, permissions.toLowerCase(Locale.ROOT),
                in.path("signedStart").asText(null), normalize(expiry), in.path("signedProtocol").asText(null));
        return ArmResponse.ok(Json.object().put("serviceSasToken", token));
    }

    /** Azure formats SAS times as yyyy-MM-ddTHH:mm:ssZ. */
    private static String normalize(String instant) {
        return java.time.OffsetDateTime.parse(instant).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
    }

    private ArmResponse checkName(ArmRequest req, Router.Params p) {
        cloud.requireSubscription(p.get("sub"));
        String name = req.body().path("name").asText("");
        ObjectNode out = Json.object();
        if (!NAME.matcher(name).matches()) {
            out.put("nameAvailable", false).put("reason", "AccountNameInvalid")
                    .put("message", name + " is not a valid storage account name.");
        } else if (byName(name) != null) {
            out.put("nameAvailable", false).put("reason", "AlreadyExists")
                    .put("message", "The storage account named " + name + " is already taken.");
        } else {
            out.put("nameAvailable", true);
        }
        return ArmResponse.ok(out);
    }

    private ArmResponse putContainer(ArmRequest req, Router.Params p) {
        Resource account = account(p);
        String name = p.get("container");
        if (!name.matches("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")) {
            throw ArmException.invalidParameter("Container name '" + name + "' is invalid: 3 to 63 lowercase"
                    + " letters, digits and single hyphens.", "containerName");
        }
        ResourceId id = containerId(p);
        Resource existing = cloud.inventory.get(id);
        if (existing != null) {
            return ArmResponse.ok(existing.body);
        }
        ObjectNode body = CloudState.newBody(id, null, req.body());
        body.remove("tags");
        body.put("type", "Microsoft.Storage/storageAccounts/blobServices/containers");
        Json.with(body, "properties").put("publicAccess", "None");
        cloud.inventory.put(new Resource(id, body, Json.object().put("account", account.id.value())));
        return ArmResponse.created(body);
    }
}

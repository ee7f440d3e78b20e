package dev.imagebaker.azureimage.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blob service of the emulated storage accounts, path-style as on an IP endpoint
 * ({@code https://127.0.0.1:port/<account>/<container>/<blob>}): Put Blob, Put Block, Put Block List, Get Blob,
 * Get Blob Properties and Delete Blob, authorized by a service SAS (shared-key signing is not emulated).
 */
final class BlobApi {
    private static final Pattern BLOCK = Pattern.compile("<(Latest|Committed|Uncommitted)>([^<]*)</\\1>");
    private final CloudState cloud;
    private final StorageApi storage;

    BlobApi(CloudState cloud, StorageApi storage) {
        this.cloud = cloud;
        this.storage = storage;
    }

    /** The data action's name, as Azure's RBAC names it. */
    static String operation(String method) {
        return "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/" + switch (method) {
            case "PUT" -> "write";
            case "DELETE" -> "delete";
            default -> "read";
        };
    }

    /** Whether a path belongs to the blob service: its first segment names a storage account. */
    boolean serves(String path) {
        String[] s = path.substring(1).split("/", 2);
        return s.length > 0 && !s[0].isEmpty() && storage.byName(s[0]) != null;
    }

    private record Target(Resource account, String storageId, String container, String blob) {
    }

    private Target target(String path) {
        String[] s = path.substring(1).split("/", 3);
        Resource account = storage.byName(s[0]);
        if (s.length < 3 || s[2].isEmpty()) {
            throw new BlobException(400, "InvalidUri", "The emulator's blob service serves blobs only: "
                    + "/<account>/<container>/<blob>.");
        }
        ResourceId container = account.id.child("blobServices", "default").child("containers", s[1]);
        if (cloud.inventory.get(container) == null) {
            throw new BlobException(404, "ContainerNotFound", "The specified container does not exist.");
        }
        return new Target(account, account.state.path("storageId").asText(), s[1], s[2]);
    }

    ArmResponse handle(ArmRequest request) {
        try {
            Target t = target(request.path());
            return switch (request.method()) {
                case "PUT" -> put(request, t);
                case "GET", "HEAD" -> get(request, t);
                case "DELETE" -> delete(request, t);
                default -> throw new BlobException(405, "UnsupportedHttpVerb", "The resource doesn't support the"
                        + " specified HTTP verb.");
            };
        } catch (BlobException e) {
            return e.toResponse();
        }
    }

    private void authorize(ArmRequest request, Target t, char permission) {
        ServiceSas.verify(request.query(), cloud.blobs.key(t.storageId), t.account.name(), t.container, t.blob,
                permission, request.baseUrl().startsWith("https:"));
    }

    private ArmResponse put(ArmRequest request, Target t) {
        String comp = request.query("comp");
        if ("block".equals(comp)) {
            authorize(request, t, 'w');
            cloud.blobs.putBlock(t.storageId, t.container, t.blob, request.query("blockid"), request.bytes());
            return ArmResponse.status(201).header("x-ms-content-crc64", "AAAAAAAAAAA=")
                    .header("x-ms-request-server-encrypted", "true").header("x-ms-version", ServiceSas.VERSION);
        }
        boolean exists = cloud.blobs.get(t.storageId, t.container, t.blob) != null;
        authorize(request, t, exists ? 'w' : 'c');
        if (exists && "*".equals(request.header("if-none-match"))) {
            throw new BlobException(409, "BlobAlreadyExists", "The specified blob already exists.");
        }
        byte[] content;
        if ("blocklist".equals(comp)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Matcher m = BLOCK.matcher(request.rawBody());
            while (m.find()) {
                byte[] block = cloud.blobs.block(t.storageId, t.container, t.blob, m.group(2));
                if (block == null) {
                    throw new BlobException(400, "InvalidBlockList", "The specified block list is invalid.");
                }
                out.writeBytes(block);
            }
            content = out.toByteArray();
        } else {
            if (!"BlockBlob".equalsIgnoreCase(request.header("x-ms-blob-type"))) {
                throw new BlobException(400, "MissingRequiredHeader", "x-ms-blob-type: BlockBlob is required.");
            }
            content = request.bytes();
        }
        Blobs.Blob blob = cloud.blobs.put(t.storageId, t.container, t.blob, content,
                request.header("x-ms-blob-content-type"));
        return headers(ArmResponse.status(201), blob).header("Content-MD5", md5(content))
                .header("x-ms-request-server-encrypted", "true");
    }

    private ArmResponse get(ArmRequest request, Target t) {
        authorize(request, t, 'r');
        Blobs.Blob blob = cloud.blobs.get(t.storageId, t.container, t.blob);
        if (blob == null) {
            throw new BlobException(404, "BlobNotFound", "The specified blob does not exist.");
        }
        ArmResponse response = request.method().equals("HEAD") ? ArmResponse.status(200)
                : ArmResponse.raw(200, blob.contentType(), blob.content());
        return headers(response, blob).header("x-ms-blob-type", "BlockBlob")
                .header("x-ms-content-length", String.valueOf(blob.content().length));
    }

    private ArmResponse delete(ArmRequest request, Target t) {
        authorize(request, t, 'd');
        if (cloud.blobs.get(t.storageId, t.container, t.blob) == null) {
            throw new BlobException(404, "BlobNotFound", "The specified blob does not exist.");
        }
        cloud.blobs.delete(t.storageId, t.container, t.blob);
        return ArmResponse.status(202).header("x-ms-version", ServiceSas.VERSION);
    }

    private static ArmResponse headers(ArmResponse response, Blobs.Blob blob) {
        return response.header("ETag", blob.etag())
                .header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        blob.lastModified().atZone(ZoneOffset.UTC)))
                .header("x-ms-version", ServiceSas.VERSION);
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an emulated guest's download of url gets: the blob, after the same checks a real download passes. */
    Blobs.Blob fetch(String url, String baseUrl) {
        String rest = url.substring(baseUrl.length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        java.util.Map<String, String> query = new java.util.HashMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                            StandardCharsets.UTF_8));
                }
            }
        }
        Target t = target(java.net.URLDecoder.decode(path, StandardCharsets.UTF_8));
        ServiceSas.verify(query, cloud.blobs.key(t.storageId), t.account.name(), t.container, t.blob, 'r',
                url.startsWith("https:"));
        Blobs.Blob blob = cloud.blobs.get(t.storageId, t.container, t.blob);
        if (blob == null) {
            throw new BlobException(404, "BlobNotFound", "The specified blob does not exist.");
        }
        return blob;
    }
}

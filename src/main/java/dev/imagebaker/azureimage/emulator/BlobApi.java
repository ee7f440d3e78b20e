package dev.imagebaker.azureimage.emulator;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blob service of the emulated storage accounts, path-style as on an IP endpoint
 * ({@code https://127.0.0.1:port/<account>/<container>/<blob>}): Put Blob (block and append blobs), Put Block,
 * Put Block List, Append Block, Get Blob (whole or a byte range), Get Blob Properties and Delete Blob, authorized
 * by a service SAS (shared-key signing is not emulated). Behaviour follows Azure's Blob REST API pages (Put Blob,
 * Append Block, Get Blob, "Specify the range header for Blob service operations").
 */
final class BlobApi {
    private static final Pattern BLOCK = Pattern.compile("<(Latest|Committed|Uncommitted)>([^<]*)</\\1>");
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d+)-(\\d*)$");
    /** Append Block's limits for service version 2022-11-02 and later (Append Block REST page). */
    private static final int MAX_APPEND_BYTES = 100 * 1024 * 1024;
    private static final int MAX_COMMITTED_BLOCKS = 50_000;
    private final CloudState cloud;
    private final StorageApi storage;

    BlobApi(CloudState cloud, StorageApi storage) {
        this.cloud = cloud;
        this.storage = storage;
    }

    /** The data action's name, as Azure's RBAC names it (Append Block is blobs/add/action). */
    static String operation(ArmRequest request) {
        String prefix = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/";
        if ("PUT".equals(request.method()) && "appendblock".equals(request.query("comp"))) {
            return prefix + "add/action";
        }
        return prefix + switch (request.method()) {
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
        if (account == null) {
            throw new BlobException(404, "ResourceNotFound", "The specified resource does not exist.");
        }
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

    private void authorize(Map<String, String> query, boolean https, Target t, String anyOf) {
        ServiceSas.verify(query, cloud.blobs.key(t.storageId), t.account.name(), t.container, t.blob, anyOf, https);
    }

    private void authorize(ArmRequest request, Target t, String anyOf) {
        authorize(request.query(), request.baseUrl().startsWith("https:"), t, anyOf);
    }

    private ArmResponse put(ArmRequest request, Target t) {
        String comp = request.query("comp");
        if ("appendblock".equals(comp)) {
            return appendBlock(request, t);
        }
        Blobs.Blob existing = cloud.blobs.get(t.storageId, t.container, t.blob);
        if ("block".equals(comp)) {
            authorize(request, t, "w");
            requireBlockBlob(existing);
            cloud.blobs.putBlock(t.storageId, t.container, t.blob, request.query("blockid"), request.bytes());
            return ArmResponse.status(201).header("x-ms-content-crc64", "AAAAAAAAAAA=")
                    .header("x-ms-request-server-encrypted", "true").header("x-ms-version", ServiceSas.VERSION);
        }
        // Put Blob and Put Block List create with c and overwrite with w.
        authorize(request, t, existing != null ? "w" : "c");
        if (existing != null && "*".equals(request.header("if-none-match"))) {
            throw new BlobException(409, "BlobAlreadyExists", "The specified blob already exists.");
        }
        Blobs.Blob blob;
        if ("blocklist".equals(comp)) {
            requireBlockBlob(existing);
            blob = cloud.blobs.put(t.storageId, t.container, t.blob, blockList(request, t),
                    request.header("x-ms-blob-content-type"));
        } else if (Blobs.APPEND_BLOB.equalsIgnoreCase(request.header("x-ms-blob-type"))) {
            // Put Blob: "For a page blob or an append blob, the value of this header [Content-Length] must be 0."
            if (request.bytes().length != 0) {
                throw new BlobException(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not"
                        + " in the correct format. Content-Length must be 0 to create an append blob.");
            }
            blob = cloud.blobs.putAppendBlob(t.storageId, t.container, t.blob, request.header("x-ms-blob-content-type"));
        } else if (Blobs.BLOCK_BLOB.equalsIgnoreCase(request.header("x-ms-blob-type"))) {
            blob = cloud.blobs.put(t.storageId, t.container, t.blob, request.bytes(),
                    request.header("x-ms-blob-content-type"));
        } else {
            throw new BlobException(400, "MissingRequiredHeader", "x-ms-blob-type: BlockBlob or AppendBlob is"
                    + " required (page blobs are not emulated).");
        }
        return headers(ArmResponse.status(201), blob).header("Content-MD5", md5(blob.content()))
                .header("x-ms-request-server-encrypted", "true");
    }

    private byte[] blockList(ArmRequest request, Target t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = BLOCK.matcher(request.rawBody());
        while (m.find()) {
            byte[] block = cloud.blobs.block(t.storageId, t.container, t.blob, m.group(2));
            if (block == null) {
                throw new BlobException(400, "InvalidBlockList", "The specified block list is invalid.");
            }
            out.writeBytes(block);
        }
        return out.toByteArray();
    }

    private static void requireBlockBlob(Blobs.Blob existing) {
        if (existing != null && existing.append()) {
            throw invalidBlobType();
        }
    }

    private static BlobException invalidBlobType() {
        return new BlobException(409, "InvalidBlobType", "The blob type is invalid for this operation.");
    }

    /** Append Block: the SAS needs add or write; the blob must exist and be an append blob. */
    private ArmResponse appendBlock(ArmRequest request, Target t) {
        authorize(request, t, "aw");
        Blobs.Blob blob = append(t, request.bytes(), request.header("x-ms-blob-condition-appendpos"),
                request.header("x-ms-blob-condition-maxsize"));
        return headers(ArmResponse.status(201), blob)
                .header("x-ms-blob-append-offset", String.valueOf(blob.content().length - request.bytes().length))
                .header("x-ms-blob-committed-block-count", String.valueOf(blob.committedBlocks()))
                .header("x-ms-content-crc64", "AAAAAAAAAAA=").header("x-ms-request-server-encrypted", "true");
    }

    private Blobs.Blob append(Target t, byte[] block, String appendPosition, String maxSize) {
        Blobs.Blob blob = cloud.blobs.get(t.storageId, t.container, t.blob);
        if (blob == null) {
            throw new BlobException(404, "BlobNotFound", "The specified blob does not exist.");
        }
        if (!blob.append()) {
            throw invalidBlobType();
        }
        if (block.length > MAX_APPEND_BYTES) {
            throw new BlobException(413, "RequestBodyTooLarge", "The request body is too large and exceeds the"
                    + " maximum permissible limit.");
        }
        if (blob.committedBlocks() >= MAX_COMMITTED_BLOCKS) {
            throw new BlobException(409, "BlockCountExceedsLimit", "The committed block count cannot exceed the"
                    + " maximum limit of 50,000 blocks.");
        }
        if (appendPosition != null && Long.parseLong(appendPosition) != blob.content().length) {
            throw new BlobException(412, "AppendPositionConditionNotMet", "The append position condition specified"
                    + " was not met.");
        }
        if (maxSize != null && blob.content().length + block.length > Long.parseLong(maxSize)) {
            throw new BlobException(412, "MaxBlobSizeConditionNotMet", "The max blob size condition specified was"
                    + " not met.");
        }
        return cloud.blobs.appendBlock(t.storageId, t.container, t.blob, block);
    }

    /** Get Blob and Get Blob Properties; x-ms-range (or Range) bytes=N- or bytes=N-M answers 206 with that part. */
    private ArmResponse get(ArmRequest request, Target t) {
        authorize(request, t, "r");
        Blobs.Blob blob = cloud.blobs.get(t.storageId, t.container, t.blob);
        if (blob == null) {
            throw new BlobException(404, "BlobNotFound", "The specified blob does not exist.");
        }
        int size = blob.content().length;
        String range = request.header("x-ms-range") != null ? request.header("x-ms-range") : request.header("range");
        ArmResponse response;
        if (range != null && !request.method().equals("HEAD")) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches()) {
                throw new BlobException(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in"
                        + " the correct format.");
            }
            long start = Long.parseLong(m.group(1));
            long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (start >= size || end < start) {
                BlobException invalid = new BlobException(416, "InvalidRange", "The range specified is invalid for"
                        + " the current size of the resource.");
                return invalid.toResponse().header("Content-Range", "bytes */" + size);
            }
            byte[] part = java.util.Arrays.copyOfRange(blob.content(), (int) start, (int) end + 1);
            response = ArmResponse.raw(206, blob.contentType(), part)
                    .header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        } else {
            // HEAD has no body, so the length is set by hand (the JDK server expects that for HEAD).
            response = request.method().equals("HEAD")
                    ? ArmResponse.status(200).header("Content-Length", String.valueOf(size))
                            .header("Content-Type", blob.contentType())
                    : ArmResponse.raw(200, blob.contentType(), blob.content());
        }
        response.header("x-ms-blob-type", blob.type()).header("Accept-Ranges", "bytes")
                .header("x-ms-content-length", String.valueOf(size));
        if (blob.append()) {
            response.header("x-ms-blob-committed-block-count", String.valueOf(blob.committedBlocks()));
        }
        return headers(response, blob);
    }

    private ArmResponse delete(ArmRequest request, Target t) {
        authorize(request, t, "d");
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

    /** A URL an emulated guest uses, split as the blob service reads it. */
    private record GuestUrl(Target target, Map<String, String> query, boolean https) {
    }

    /** Parses a guest's blob URL; one that is not this emulator's blob service is an unknown account. */
    private GuestUrl guestUrl(String url, String baseUrl) {
        if (url == null || !url.startsWith(baseUrl + "/")) {
            throw new BlobException(404, "ResourceNotFound", "The specified resource does not exist. (The emulated"
                    + " guest reaches only the emulator's own storage accounts.)");
        }
        String rest = url.substring(baseUrl.length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> query = new HashMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1),
                            StandardCharsets.UTF_8));
                }
            }
        }
        String decoded = URLDecoder.decode(path, StandardCharsets.UTF_8);
        if (!serves(decoded)) {
            throw new BlobException(404, "ResourceNotFound", "The specified resource does not exist.");
        }
        return new GuestUrl(target(decoded), query, url.startsWith("https:"));
    }

    /** What an emulated guest's download of url gets: the blob, after the same checks a real download passes. */
    Blobs.Blob fetch(String url, String baseUrl) {
        GuestUrl u = guestUrl(url, baseUrl);
        authorize(u.query, u.https, u.target, "r");
        Blobs.Blob blob = cloud.blobs.get(u.target.storageId, u.target.container, u.target.blob);
        if (blob == null) {
            throw new BlobException(404, "BlobNotFound", "The specified blob does not exist.");
        }
        return blob;
    }

    /** A guest's Put Blob of an empty append blob at url (created with c, replaced with w), as a SAS allows it. */
    void createAppendBlob(String url, String baseUrl) {
        GuestUrl u = guestUrl(url, baseUrl);
        boolean exists = cloud.blobs.get(u.target.storageId, u.target.container, u.target.blob) != null;
        authorize(u.query, u.https, u.target, exists ? "w" : "c");
        cloud.blobs.putAppendBlob(u.target.storageId, u.target.container, u.target.blob, null);
    }

    /** A guest's Append Block of bytes at the end of the append blob at url. */
    void appendBlock(String url, String baseUrl, byte[] bytes) {
        GuestUrl u = guestUrl(url, baseUrl);
        authorize(u.query, u.https, u.target, "aw");
        append(u.target, bytes, null, null);
    }
}

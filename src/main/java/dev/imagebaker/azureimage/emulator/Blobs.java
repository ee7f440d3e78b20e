package dev.imagebaker.azureimage.emulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Blob contents and account keys, which the inventory does not hold: blobs are data, not ARM resources, and keys
 * are secrets. Neither is persisted; a reloaded account gets new keys, as after a key rotation. A blob is a block
 * blob or an append blob (Azure's x-ms-blob-type); an append blob counts its committed blocks.
 */
final class Blobs {
    static final String BLOCK_BLOB = "BlockBlob";
    static final String APPEND_BLOB = "AppendBlob";

    record Blob(byte[] content, String contentType, String etag, Instant lastModified, String type,
                int committedBlocks) {
        boolean append() {
            return APPEND_BLOB.equals(type);
        }

        String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Map<String, byte[]> keys = new HashMap<>();
    private final Map<String, Blob> blobs = new HashMap<>();
    private final Map<String, Map<String, byte[]>> blocks = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** The account's key (keyed by the account's unique storage id, so a recreated account starts afresh). */
    byte[] key(String storageId) {
        return keys.computeIfAbsent(storageId, id -> {
            byte[] key = new byte[64];
            random.nextBytes(key);
            return key;
        });
    }

    private static String path(String storageId, String container, String blob) {
        return storageId + "/" + container + "/" + blob;
    }

    Blob get(String storageId, String container, String blob) {
        return blobs.get(path(storageId, container, blob));
    }

    Blob put(String storageId, String container, String blob, byte[] content, String contentType) {
        return store(storageId, container, blob, new Blob(content, contentType(contentType), etag(), Instant.now(),
                BLOCK_BLOB, 0));
    }

    /** Creates, or replaces with, an empty append blob. */
    Blob putAppendBlob(String storageId, String container, String blob, String contentType) {
        return store(storageId, container, blob, new Blob(new byte[0], contentType(contentType), etag(),
                Instant.now(), APPEND_BLOB, 0));
    }

    /** Commits one more block at the end of an existing append blob. */
    Blob appendBlock(String storageId, String container, String blob, byte[] block) {
        Blob old = get(storageId, container, blob);
        byte[] content = new byte[old.content().length + block.length];
        System.arraycopy(old.content(), 0, content, 0, old.content().length);
        System.arraycopy(block, 0, content, old.content().length, block.length);
        Blob b = new Blob(content, old.contentType(), etag(), Instant.now(), APPEND_BLOB, old.committedBlocks() + 1);
        blobs.put(path(storageId, container, blob), b);
        return b;
    }

    private Blob store(String storageId, String container, String blob, Blob b) {
        blobs.put(path(storageId, container, blob), b);
        blocks.remove(path(storageId, container, blob));
        return b;
    }

    private static String contentType(String given) {
        return given == null ? "application/octet-stream" : given;
    }

    private String etag() {
        return "\"0x" + HexFormat.of().formatHex(randomBytes(8)).toUpperCase() + "\"";
    }

    void putBlock(String storageId, String container, String blob, String blockId, byte[] content) {
        blocks.computeIfAbsent(path(storageId, container, blob), k -> new HashMap<>()).put(blockId, content);
    }

    /** The staged block, or null when it was never staged. */
    byte[] block(String storageId, String container, String blob, String blockId) {
        Map<String, byte[]> staged = blocks.get(path(storageId, container, blob));
        return staged == null ? null : staged.get(blockId);
    }

    void delete(String storageId, String container, String blob) {
        blobs.remove(path(storageId, container, blob));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}

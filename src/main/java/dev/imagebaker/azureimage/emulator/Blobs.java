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
 * are secrets. Neither is persisted; a reloaded account gets new keys, as after a key rotation.
 */
final class Blobs {
    record Blob(byte[] content, String contentType, String etag, Instant lastModified) {
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
        Blob b = new Blob(content, contentType == null ? "application/octet-stream" : contentType,
                "\"0x" + HexFormat.of().formatHex(randomBytes(8)).toUpperCase() + "\"", Instant.now());
        blobs.put(path(storageId, container, blob), b);
        blocks.remove(path(storageId, container, blob));
        return b;
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

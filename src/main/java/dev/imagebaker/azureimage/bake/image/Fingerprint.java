package dev.imagebaker.azureimage.bake.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over everything that goes into an image: the resolved source, the OS, every script (name and
 * content, in order) and the plugin's generalization script. Stored on the version as tags: the digest, and the
 * inputs with a short hash each, so that a refusal can say which input changed.
 */
public final class Fingerprint {
    public static final String TAG = "azure-image.fingerprint";
    static final String INPUTS_TAG = "azure-image.inputs.";
    private static final int TAG_VALUE_MAX = 256;
    private static final int SHORT = 12;
    private final Map<String, String> inputs;

    private Fingerprint(Map<String, String> inputs) {
        this.inputs = inputs;
    }

    /** Builds up a fingerprint, one named input at a time, in a fixed order. */
    public static final class Builder {
        private final Map<String, String> inputs = new LinkedHashMap<>();

        public Builder add(String name, String content) {
            return add(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public Builder add(String name, byte[] content) {
            inputs.put(name, sha256(content));
            return this;
        }

        public Fingerprint build() {
            // A copy: the builder may go on to fingerprint a longer chain (cached layers).
            return new Fingerprint(new LinkedHashMap<>(inputs));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String digest() {
        StringBuilder all = new StringBuilder();
        inputs.forEach((name, hash) -> all.append(name).append('=').append(hash).append('\n'));
        return sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Input names with their full hashes, in order. */
    public Map<String, String> inputs() {
        return inputs;
    }

    /** The tags that carry the fingerprint: the digest, then the inputs in chunks of at most 256 characters. */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG, digest());
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            String entry = input.getKey() + "=" + input.getValue().substring(0, SHORT);
            if (chunk.length() > 0 && chunk.length() + 1 + entry.length() > TAG_VALUE_MAX) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
            }
            chunk.append(chunk.length() > 0 ? ";" : "").append(entry);
        }
        if (chunk.length() > 0) {
            chunks.add(chunk.toString());
        }
        for (int i = 0; i < chunks.size(); i++) {
            tags.put(INPUTS_TAG + (i + 1), chunks.get(i));
        }
        return tags;
    }

    /** Whether a version's tags carry this very fingerprint. */
    public boolean matches(Map<String, String> tags) {
        return digest().equals(tags.get(TAG));
    }

    /** What differs from the fingerprint recorded in a version's tags, input by input, in words. */
    public List<String> differencesFrom(Map<String, String> tags) {
        Map<String, String> recorded = new TreeMap<>();
        tags.forEach((key, value) -> {
            if (key.startsWith(INPUTS_TAG)) {
                for (String entry : value.split(";")) {
                    int eq = entry.lastIndexOf('=');
                    if (eq > 0) {
                        recorded.put(entry.substring(0, eq), entry.substring(eq + 1));
                    }
                }
            }
        });
        List<String> differences = new ArrayList<>();
        if (recorded.isEmpty()) {
            differences.add(tags.containsKey(TAG) ? "the recorded inputs are unreadable"
                    : "the existing version has no azure-image fingerprint (it was not baked by this plugin)");
            return differences;
        }
        inputs.forEach((name, hash) -> {
            String before = recorded.remove(name);
            if (before == null) {
                differences.add(name + " is new");
            } else if (!hash.startsWith(before)) {
                differences.add(name + " changed");
            }
        });
        recorded.keySet().forEach(name -> differences.add(name + " was removed"));
        if (differences.isEmpty() && !matches(tags)) {
            differences.add("an input changed in a way its short hash does not show");
        }
        return differences;
    }
}

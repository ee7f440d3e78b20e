package dev.imagebaker.azureimage.emulator;

import java.util.Map;

/**
 * What an emulated guest does with a run command that downloads from the emulated blob service: for every
 * parameter the script receives (plain or protected, non-empty) named {@code <PREFIX>URL} whose value is a blob URL
 * of this emulator, it fetches the blob as curl would (the SAS must be valid, else curl -f fails with exit code 22),
 * and when a parameter {@code <PREFIX>SHA256} is given it compares the SHA-256 as sha256sum -c would (a mismatch
 * exits 1). Nothing is executed; only the outcome a guest would see is reproduced.
 */
final class GuestDownloads {
    private final BlobApi blobs;

    GuestDownloads(BlobApi blobs) {
        this.blobs = blobs;
    }

    /** Failure of the downloads, as exit code and stderr; null when every download checks out. */
    Failure check(Map<String, String> values, String baseUrl) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!e.getKey().endsWith("URL") || !e.getValue().startsWith(baseUrl + "/")) {
                continue;
            }
            String prefix = e.getKey().substring(0, e.getKey().length() - 3);
            Blobs.Blob blob;
            try {
                blob = blobs.fetch(e.getValue(), baseUrl);
            } catch (BlobException denied) {
                return new Failure(22, "curl: (22) The requested URL returned error: " + denied.status
                        + " (" + denied.code + ")");
            }
            String expected = values.get(prefix + "SHA256");
            if (expected != null && !expected.equalsIgnoreCase(blob.sha256())) {
                return new Failure(1, "sha256sum: WARNING: 1 computed checksum did NOT match (" + prefix
                        + "URL)");
            }
        }
        return null;
    }

    record Failure(int exitCode, String stderr) {
    }
}

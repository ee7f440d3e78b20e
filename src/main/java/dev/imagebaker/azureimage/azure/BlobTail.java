package dev.imagebaker.azureimage.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows an append blob a run command writes its output to, as {@code tail -f} would: each read asks only for the
 * bytes after the last ones seen, and hands out complete lines (a line split across two appends waits for its end).
 */
final class BlobTail {
    private final BlobClient blob;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private int linesStart;

    BlobTail(String sasUrl, HttpClient httpClient) {
        this.blob = new BlobClientBuilder().endpoint(sasUrl).httpClient(httpClient).buildClient();
    }

    /** The complete lines written since the last call; with flush, the unfinished last line too. */
    List<String> read(boolean flush) {
        fetch();
        byte[] bytes = all.toByteArray();
        List<String> lines = new ArrayList<>();
        int start = linesStart;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(text(bytes, start, i));
                start = i + 1;
            }
        }
        if (flush && start < bytes.length) {
            lines.add(text(bytes, start, bytes.length));
            start = bytes.length;
        }
        linesStart = start;
        return lines;
    }

    /** Everything read so far. */
    String text() {
        return all.toString(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    private void fetch() {
        try {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            blob.downloadStreamWithResponse(chunk, new BlobRange(all.size()), null, null, false, null, Context.NONE);
            all.writeBytes(chunk.toByteArray());
        } catch (BlobStorageException e) {
            // 404: the handler has not created the blob yet; 416: nothing new since the last read.
            if (e.getStatusCode() != 404 && e.getStatusCode() != 416) {
                throw e;
            }
        }
    }
}

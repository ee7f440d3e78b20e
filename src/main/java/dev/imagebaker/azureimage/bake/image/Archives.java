package dev.imagebaker.azureimage.bake.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a directory for the guest: tar.gz for Linux, zip for Windows. Deterministic (sorted entries, fixed
 * times and owners) so that the same content always has the same SHA-256, and so the same fingerprint.
 */
final class Archives {
    /** 2020-01-01T00:00Z: every entry's time, whatever the file's. */
    private static final long FIXED_TIME = 1577836800L;

    private Archives() {
    }

    static void tarGz(Path dir, Path archive) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            for (Path p : entries(dir)) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                boolean directory = Files.isDirectory(p);
                byte[] content = directory ? new byte[0] : Files.readAllBytes(p);
                out.write(header(directory ? name + "/" : name, directory ? 0755 : Files.isExecutable(p) ? 0755 : 0644,
                        content.length, directory));
                out.write(content);
                out.write(new byte[(512 - content.length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
    }

    static void zip(Path dir, Path archive) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (Path p : entries(dir)) {
                String name = dir.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
                ZipEntry entry = new ZipEntry(name);
                entry.setLastModifiedTime(FileTime.fromMillis(FIXED_TIME * 1000));
                out.putNextEntry(entry);
                if (!Files.isDirectory(p)) {
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
    }

    /** A ustar header; names longer than 100 characters go into the prefix field. */
    private static byte[] header(String name, int mode, long size, boolean directory) throws IOException {
        byte[] h = new byte[512];
        String prefix = "";
        if (name.length() > 100) {
            int cut = name.lastIndexOf('/', name.length() - 2);
            while (cut > 0 && name.length() - cut - 1 > 100) {
                cut = -1;
            }
            if (cut <= 0 || cut > 155) {
                throw new IOException("path too long for tar: " + name);
            }
            prefix = name.substring(0, cut);
            name = name.substring(cut + 1);
        }
        put(h, 0, 100, name);
        put(h, 100, 8, octal(mode, 7));
        put(h, 108, 8, octal(0, 7));
        put(h, 116, 8, octal(0, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(FIXED_TIME, 11));
        put(h, 148, 8, "        ");
        h[156] = (byte) (directory ? '5' : '0');
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 265, 32, "root");
        put(h, 297, 32, "root");
        put(h, 345, 155, prefix);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, octal(sum, 6) + "\0 ");
        return h;
    }

    private static String octal(long value, int digits) {
        String s = Long.toOctalString(value);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    private static void put(byte[] h, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, offset, Math.min(length, bytes.length));
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.FileCopy;
import dev.imagebaker.azureimage.config.OsType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What is uploaded for each file to copy: the file itself, or a deterministic archive of a directory; with its
 * SHA-256, which the guest checks and the fingerprint includes.
 */
final class Payloads {
    record Payload(FileCopy copy, Path file, boolean archive, String sha256, long size) {
        String blobName(int index) {
            return "file-" + index + (archive ? (file.toString().endsWith(".zip") ? ".zip" : ".tar.gz") : "");
        }
    }

    private Payloads() {
    }

    static List<Payload> prepare(List<FileCopy> files, OsType os, Path workDir) {
        List<Payload> payloads = new ArrayList<>();
        int index = 1;
        for (FileCopy copy : files) {
            try {
                Path file = copy.source();
                boolean archive = copy.directory();
                if (archive) {
                    Files.createDirectories(workDir);
                    file = workDir.resolve("file-" + index + (os == OsType.WINDOWS ? ".zip" : ".tar.gz"));
                    if (os == OsType.WINDOWS) {
                        Archives.zip(copy.source(), file);
                    } else {
                        Archives.tarGz(copy.source(), file);
                    }
                }
                payloads.add(new Payload(copy, file, archive, sha256(file), Files.size(file)));
            } catch (IOException e) {
                throw new StepFailedException("Prepare files", copy.source().toString(), null, "Cannot read "
                        + copy.source() + ": " + e.getMessage(), "Check that the file exists and is readable.", e);
            }
            index++;
        }
        return payloads;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

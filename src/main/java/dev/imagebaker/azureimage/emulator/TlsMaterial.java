package dev.imagebaker.azureimage.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made once per JVM with the JDK's keytool (the JDK has
 * no public API to create certificates), and kept between runs when the caller names a store. Clients trust it through {@link #certificatePem()}.
 */
final class TlsMaterial {
    private static final char[] PASSWORD = "emulator".toCharArray();
    private static TlsMaterial shared;

    final SSLContext sslContext;
    final X509Certificate certificate;
    private final byte[] pkcs12;

    private TlsMaterial(SSLContext sslContext, X509Certificate certificate, byte[] pkcs12) {
        this.sslContext = sslContext;
        this.certificate = certificate;
        this.pkcs12 = pkcs12;
    }

    /** The JVM's certificate; else the one kept in store (null: none) while it is valid for a day more; else new. */
    static synchronized TlsMaterial get(Path store) throws IOException {
        TlsMaterial kept = store == null ? null : load(store);
        if (shared == null) {
            shared = kept != null ? kept : generate();
        }
        // A missing, unreadable or expiring store is replaced, so that the next start finds a good one.
        if (store != null && (kept == null || !kept.certificate.equals(shared.certificate))) {
            keep(shared.pkcs12, store);
        }
        return shared;
    }

    /** A kept certificate, or null when there is none, it is unreadable or about to expire. */
    static TlsMaterial load(Path store) {
        if (!Files.isRegularFile(store)) {
            return null;
        }
        try {
            TlsMaterial kept = fromStore(Files.readAllBytes(store));
            kept.certificate.checkValidity(java.util.Date.from(java.time.Instant.now().plus(java.time.Duration
                    .ofDays(1))));
            return kept;
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    private static TlsMaterial fromStore(byte[] pkcs12) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(new java.io.ByteArrayInputStream(pkcs12), PASSWORD);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return new TlsMaterial(context, (X509Certificate) keyStore.getCertificate("emulator"), pkcs12);
    }

    /** Keeps the store for the next start: written aside, readable by its owner only, then moved in place. */
    private static void keep(byte[] pkcs12, Path store) {
        try {
            Path dir = store.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path aside = Files.createTempFile(dir, "emulator-tls", ".tmp");
            Files.write(aside, pkcs12);
            try {
                Files.setPosixFilePermissions(aside, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the user's profile or project ACLs.
            }
            Files.move(aside, store, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only a cache: the next start makes a certificate again.
        }
    }

    private static TlsMaterial generate() throws IOException {
        Path dir = Files.createTempDirectory("azure-image-emulator-tls");
        Path store = dir.resolve("emulator.p12");
        try {
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "emulator",
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=localhost, O=azure-image-maven-plugin emulator",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:0:0:0:0:0:0:0:1",
                    "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not create the emulator's certificate: " + output);
            }
            return fromStore(Files.readAllBytes(store));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the emulator's certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the emulator's certificate", e);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }

    String certificatePem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

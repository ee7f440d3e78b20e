package dev.imagebaker.azureimage.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made once per JVM with the JDK's keytool (the JDK has
 * no public API to create certificates), and kept between runs, as PEM, when the caller names a file. Kept as a
 * plain PKCS#8 key rather than a PKCS#12 store: opening the store (password-based encryption and MAC, a key manager
 * factory) took about 0.4 s of every cold start. Clients trust it through {@link #certificatePem()}.
 */
final class TlsMaterial {
    private static final char[] PASSWORD = "emulator".toCharArray();
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    private static TlsMaterial shared;

    final SSLContext sslContext;
    final X509Certificate certificate;
    private final PrivateKey key;

    private TlsMaterial(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        this.key = key;
        this.certificate = certificate;
        this.sslContext = SSLContext.getInstance("TLS");
        // No trust managers: the server asks no client for a certificate, and the JDK's default would read cacerts.
        sslContext.init(new KeyManager[] {new OneKey(key, certificate)}, new TrustManager[0], null);
    }

    /** The JVM's certificate; else the one kept in file (null: none) while it is valid for a day more; else new. */
    static synchronized TlsMaterial get(Path file) throws IOException {
        TlsMaterial kept = file == null ? null : load(file);
        if (shared == null) {
            shared = kept != null ? kept : generate();
        }
        // A missing, unreadable or expiring file is replaced, so that the next start finds a good one.
        if (file != null && (kept == null || !kept.certificate.equals(shared.certificate))) {
            keep(shared.pem(), file);
        }
        return shared;
    }

    /** A kept certificate, or null when there is none, it is unreadable or about to expire. */
    static TlsMaterial load(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            TlsMaterial kept = fromPem(Files.readString(file, StandardCharsets.US_ASCII));
            kept.certificate.checkValidity(java.util.Date.from(java.time.Instant.now().plus(java.time.Duration
                    .ofDays(1))));
            return kept;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static TlsMaterial fromPem(String pem) throws GeneralSecurityException {
        byte[] key = null;
        byte[] certificate = null;
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("PRIVATE KEY")) {
                key = der;
            } else if (m.group(1).equals("CERTIFICATE")) {
                certificate = der;
            }
        }
        if (key == null || certificate == null) {
            throw new GeneralSecurityException("no PRIVATE KEY and CERTIFICATE in the kept file");
        }
        return new TlsMaterial(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(key)),
                (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(certificate)));
    }

    private String pem() {
        try {
            return pem("PRIVATE KEY", key.getEncoded()) + pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    /** Keeps the file for the next start: written aside, readable by its owner only, then moved in place. */
    private static void keep(String pem, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path aside = Files.createTempFile(dir, "emulator-tls", ".tmp");
            try {
                Files.setPosixFilePermissions(aside, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the user's profile or project ACLs.
            }
            Files.writeString(aside, pem, StandardCharsets.US_ASCII);
            Files.move(aside, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
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
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
            return new TlsMaterial((PrivateKey) keyStore.getKey("emulator", PASSWORD),
                    (X509Certificate) keyStore.getCertificate("emulator"));
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
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's one key and certificate, offered for its key type (RSA); a client key is never asked for. */
    private static final class OneKey extends X509ExtendedKeyManager {
        private static final String ALIAS = "emulator";
        private final PrivateKey key;
        private final X509Certificate certificate;

        OneKey(PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.certificate = certificate;
        }

        private String alias(String keyType) {
            return key.getAlgorithm().equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return alias(keyType) == null ? null : new String[] {ALIAS};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}

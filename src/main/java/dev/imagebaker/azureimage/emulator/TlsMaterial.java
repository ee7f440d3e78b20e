package dev.imagebaker.azureimage.emulator;

import java.io.IOException;
import java.io.InputStream;
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
 * no public API to create certificates). Clients trust it through {@link #certificatePem()}.
 */
final class TlsMaterial {
    private static final char[] PASSWORD = "emulator".toCharArray();
    private static TlsMaterial shared;

    final SSLContext sslContext;
    final X509Certificate certificate;

    private TlsMaterial(SSLContext sslContext, X509Certificate certificate) {
        this.sslContext = sslContext;
        this.certificate = certificate;
    }

    static synchronized TlsMaterial get() throws IOException {
        if (shared == null) {
            shared = generate();
        }
        return shared;
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
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new TlsMaterial(context, (X509Certificate) keyStore.getCertificate("emulator"));
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

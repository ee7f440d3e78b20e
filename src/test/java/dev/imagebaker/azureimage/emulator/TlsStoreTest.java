package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's certificate is kept between runs (a keytool run costs about a second at every start otherwise). */
class TlsStoreTest {
    @TempDir
    Path dir;

    @Test
    void theCertificateIsKeptForTheNextStartReadableByItsOwnerOnly() throws Exception {
        Path store = dir.resolve("azure-image/emulator-tls.pem");
        try (ArmEmulator emulator = ArmEmulator.builder().tlsStore(store).start()) {
            assertThat(store).isRegularFile();
            assertThat(Files.getPosixFilePermissions(store)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            TlsMaterial kept = TlsMaterial.load(store);
            assertThat(kept).isNotNull();
            assertThat(kept.certificatePem()).isEqualTo(emulator.certificatePem());
        }
        // The next start serves the kept key: a client that trusts the kept certificate completes a handshake.
        String kept = TlsMaterial.load(store).certificatePem();
        try (ArmEmulator emulator = ArmEmulator.builder().tlsStore(store).start()) {
            assertThat(emulator.certificatePem()).isEqualTo(kept);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(kept.getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> response = HttpClient.newBuilder().sslContext(client).build().send(
                    HttpRequest.newBuilder(emulator.endpoint().resolve("/subscriptions?api-version=2022-12-01"))
                            .header("Authorization", "Bearer x").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnreadableStoreIsNotUsed() throws Exception {
        Path store = Files.writeString(dir.resolve("emulator-tls.pem"),
                "-----BEGIN CERTIFICATE-----\nnot base64 ***\n-----END CERTIFICATE-----\n");
        assertThat(TlsMaterial.load(store)).isNull();
        assertThat(TlsMaterial.load(dir.resolve("missing.pem"))).isNull();
    }
}

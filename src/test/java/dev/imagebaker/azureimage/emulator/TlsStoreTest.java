package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("emulator", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(kept.getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII))));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext client = javax.net.ssl.SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder().sslContext(client)
                    .build().send(java.net.http.HttpRequest.newBuilder(emulator.endpoint().resolve(
                            "/subscriptions?api-version=2022-12-01")).header("Authorization", "Bearer x").build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnreadableStoreIsNotUsed() throws Exception {
        Path store = Files.writeString(dir.resolve("emulator-tls.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 ***\n-----END CERTIFICATE-----\n");
        assertThat(TlsMaterial.load(store)).isNull();
        assertThat(TlsMaterial.load(dir.resolve("missing.pem"))).isNull();
    }
}

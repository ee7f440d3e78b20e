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
        Path store = dir.resolve("azure-image/emulator-tls.p12");
        try (ArmEmulator emulator = ArmEmulator.builder().tlsStore(store).start()) {
            assertThat(store).isRegularFile();
            assertThat(Files.getPosixFilePermissions(store)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            TlsMaterial kept = TlsMaterial.load(store);
            assertThat(kept).isNotNull();
            assertThat(kept.certificatePem()).isEqualTo(emulator.certificatePem());
        }
    }

    @Test
    void anUnreadableStoreIsNotUsed() throws Exception {
        Path store = Files.writeString(dir.resolve("emulator-tls.p12"), "not a key store");
        assertThat(TlsMaterial.load(store)).isNull();
        assertThat(TlsMaterial.load(dir.resolve("missing.p12"))).isNull();
    }
}

package dev.imagebaker.azureimage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebaker.azureimage.config.VersionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTargetTest {
    @TempDir
    Path dir;

    @Test
    void readsTheVersionKindAndLocation() throws Exception {
        Path manifest = Files.writeString(dir.resolve("image.json"), """
                {"kind": "snapshot", "imageVersion": {"id": "/subscriptions/s-1/resourceGroups/images-rg/providers/\
                Microsoft.Compute/galleries/corp_images/images/orders-snapshot/versions/1.4.188", \
                "location": "westeurope"}}""");
        ManifestTarget read = ManifestTarget.read(manifest.toFile(), "publish");
        assertThat(read.target().kind()).isEqualTo(VersionKind.SNAPSHOT);
        assertThat(read.target().location()).isEqualTo("westeurope");
        assertThat(read.subscriptionId()).isEqualTo("s-1");
    }

    @Test
    void aMissingManifestSaysToBakeFirst() {
        assertThatThrownBy(() -> ManifestTarget.read(dir.resolve("none.json").toFile(), "test"))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("run bake first")
                .hasMessageContaining("the version to test");
    }

    @Test
    void aManifestNamingNoVersionIsRefusedBeforeAnyRequest() throws Exception {
        Path manifest = Files.writeString(dir.resolve("image.json"), "{\"kind\": \"release\", \"imageVersion\":"
                + " {\"id\": \"/subscriptions/s-1/resourceGroups/images-rg\"}}");
        assertThatThrownBy(() -> ManifestTarget.read(manifest.toFile(), "publish"))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("names no gallery image version");
    }
}

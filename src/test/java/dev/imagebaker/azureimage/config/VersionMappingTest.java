package dev.imagebaker.azureimage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionMappingTest {
    private static final Instant BUILD = Instant.parse("2026-11-25T17:05:00Z");

    @ParameterizedTest
    @CsvSource({"1.4.2,1.4.2", "1.4,1.4.0", "7,7.0.0", "0.0.0,0.0.0", "2147483647.0.1,2147483647.0.1",
        "01.02.03,1.2.3", "1.2.3.Final,1.2.3", "2.0.RELEASE,2.0.0", "3.1.4-GA,3.1.4", "5.final,5.0.0"})
    void releasesMapToTheirNumbers(String project, String image) {
        MappedVersion mapped = VersionMapping.map(project, null);
        assertThat(mapped.kind()).isEqualTo(VersionKind.RELEASE);
        assertThat(mapped.at(BUILD).toString()).isEqualTo(image);
    }

    @ParameterizedTest
    @CsvSource({"1.4.2-SNAPSHOT,1,4", "1.4-SNAPSHOT,1,4", "2-SNAPSHOT,2,0", "1.2.3-RC1,1,2", "2.0-beta-1,2,0",
        "3.0.0-M2,3,0", "1.0.0-alpha.1,1,0"})
    void snapshotsAndPreReleasesMapToTheBuildTime(String project, int major, int minor) {
        MappedVersion mapped = VersionMapping.map(project, null);
        assertThat(mapped.kind()).isEqualTo(VersionKind.SNAPSHOT);
        ImageVersion version = mapped.at(BUILD);
        assertThat(version.major()).isEqualTo(major);
        assertThat(version.minor()).isEqualTo(minor);
        // Seconds since 2020-01-01T00:00Z.
        assertThat(version.patch()).isEqualTo(217_789_500);
        assertThat(mapped.describe()).isEqualTo(major + "." + minor + ".<build time>");
    }

    @Test
    void snapshotVersionsGrowWithTimeAndFit32BitsUntil2088() {
        MappedVersion mapped = VersionMapping.map("1.0.0-SNAPSHOT", null);
        assertThat(mapped.at(BUILD.plusSeconds(1))).isGreaterThan(mapped.at(BUILD));
        assertThat(mapped.at(Instant.parse("2088-01-01T00:00:00Z")).patch()).isLessThan(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "2147483648.0.0", "v1.2.3", "", "1.2.3-", "latest", "1..2"})
    void refusesEverythingElseNamingTheVersionAndTheFix(String project) {
        assertThatThrownBy(() -> VersionMapping.map(project, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("The project version '" + project + "'")
                .hasMessageContaining("<imageVersion>");
    }

    @ParameterizedTest
    @CsvSource({"1.2.3.4,3.1.4,3.1.4,RELEASE", "2.0-beta-1,2.0.7,2.0.7,SNAPSHOT", "1.2.3, 9.9.9 ,9.9.9,RELEASE"})
    void anExplicitImageVersionNamesTheVersionAndTheProjectVersionKeepsItsKind(String project, String explicit,
                                                                               String image, VersionKind kind) {
        MappedVersion mapped = VersionMapping.map(project, explicit);
        assertThat(mapped.at(BUILD).toString()).isEqualTo(image);
        assertThat(mapped.kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1.2.3.4", "1.x.3", "1.2.2147483648", "-1.2.3"})
    void refusesABadExplicitImageVersion(String explicit) {
        assertThatThrownBy(() -> VersionMapping.map("1.0.0", explicit)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<imageVersion>").hasMessageContaining("-Dazure-image.imageVersion");
    }
}

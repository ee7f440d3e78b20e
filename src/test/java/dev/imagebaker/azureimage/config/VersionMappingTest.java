package dev.imagebaker.azureimage.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionMappingTest {

    @ParameterizedTest
    @CsvSource({"1.4.2,1.4.2", "1.4,1.4.0", "7,7.0.0", "0.0.0,0.0.0", "2147483647.0.1,2147483647.0.1",
        "01.02.03,1.2.3"})
    void mapsNumericVersions(String project, String image) {
        assertThat(VersionMapping.map(project, null).toString()).isEqualTo(image);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0-SNAPSHOT", "2.0-beta-1", "1.2.3-RC1", "1.2.3.Final", "1.2.3.4", "2147483648.0.0",
        "v1.2.3", ""})
    void refusesEverythingElseNamingTheVersionAndTheFix(String project) {
        assertThatThrownBy(() -> VersionMapping.map(project, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("The project version '" + project + "'")
                .hasMessageContaining("<imageVersion>");
    }

    @ParameterizedTest
    @CsvSource({"1.0.0-SNAPSHOT,3.1.4,3.1.4", "2.0-beta-1,2.0.7,2.0.7", "1.2.3, 9.9.9 ,9.9.9"})
    void anExplicitImageVersionWins(String project, String explicit, String image) {
        assertThat(VersionMapping.map(project, explicit).toString()).isEqualTo(image);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1.2.3.4", "1.x.3", "1.2.2147483648", "-1.2.3"})
    void refusesABadExplicitImageVersion(String explicit) {
        assertThatThrownBy(() -> VersionMapping.map("1.0.0", explicit)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<imageVersion>").hasMessageContaining("-Dazure-image.imageVersion");
    }
}

package dev.imagebaker.azureimage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.lenient;

import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The goals as Maven configures them (plugin descriptor, pom configuration, -D user properties), as
 * exec-maven-plugin tests its mojos: a -D property wins over the pom, nested ones too; pom lists stay typed; a bad
 * value names the pom element the descriptor gives it.
 */
@MojoTest
@Basedir("/unit/precedence")
class ParameterPrecedenceTest {
    private static final String POM = TestPoms.BAKE
            + "<files><file><source>conf/a,b.properties</source><destination>/etc/orders/a,b.properties</destination>"
            + "</file></files>"
            + "<emulatorTimeScale>fast</emulatorTimeScale>"
            + TestPoms.END;
    private static final String LAYERED = TestPoms.BAKE + "<layers><base>10-packages</base></layers>"
            + "<layerMaxAge>3d</layerMaxAge>" + TestPoms.END;
    @Inject
    MavenSession session;

    @Inject
    MavenProject project;

    private final List<String> log = new CopyOnWriteArrayList<>();

    /** The project Maven would pass (the harness's mock has no coordinates); its folder is the @Basedir. */
    @BeforeEach
    void coordinates() {
        lenient().when(project.getGroupId()).thenReturn("com.example");
        lenient().when(project.getArtifactId()).thenReturn("orders-service");
        lenient().when(project.getVersion()).thenReturn("1.4.2");
        Build build = new Build();
        build.setDirectory(new File(project.getBasedir(), "target").getPath());
        lenient().when(project.getBuild()).thenReturn(build);
    }

    private void recordLog(ValidateMojo mojo) {
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add(content.toString());
            }
        });
    }

    private void fixTimeScale() {
        session.getUserProperties().setProperty("azure-image.emulator.timeScale", "0");
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void aPropertyWinsOverThePom(ValidateMojo mojo) throws Exception {
        recordLog(mojo);
        fixTimeScale();
        session.getUserProperties().setProperty("azure-image.location", "northeurope");
        mojo.execute();
        assertThat(log).anyMatch(l -> l.contains("corp_images/orders-service/1.4.2") && l.endsWith(
                "in northeurope, 1 script(s)"));
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void aNestedPropertyWinsOverThePom(ValidateMojo mojo) throws Exception {
        recordLog(mojo);
        fixTimeScale();
        session.getUserProperties().setProperty("azure-image.gallery.name", "other_images");
        mojo.execute();
        assertThat(log).anyMatch(l -> l.contains("other_images/orders-service/1.4.2 from"));
        assertThat(mojo.rawConfiguration().value("azure-image.gallery.name")).hasValue("other_images");
        assertThat(mojo.rawConfiguration().pomValue("azure-image.gallery.name")).hasValue("corp_images");
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void pomListsStayTypedSoAPathMayHoldAComma(ValidateMojo mojo) throws Exception {
        fixTimeScale();
        assertThat(mojo.rawConfiguration().pomFiles()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("conf/a,b.properties");
            assertThat(f.destination()).isEqualTo("/etc/orders/a,b.properties");
        });
        mojo.execute();
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void aBadPomValueNamesTheElementTheDescriptorGivesIt(ValidateMojo mojo) {
        // The property is azure-image.emulator.timeScale, the element <emulatorTimeScale>: the descriptor knows.
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<emulatorTimeScale> (-Dazure-image.emulator.timeScale): 'fast' is not a number");
    }

    @Test
    @InjectMojo(goal = "validate", pom = LAYERED)
    void layersComeFromThePomMapAndAPropertyPerLayer(ValidateMojo mojo) throws Exception {
        recordLog(mojo);
        fixTimeScale();
        assertThat(mojo.rawConfiguration().pomLayers()).containsEntry("base", "10-packages");
        assertThat(mojo.rawConfiguration().pomValue("azure-image.layerMaxAge")).hasValue("3d");
        mojo.execute();
        assertThat(log).anyMatch(l -> l.endsWith("1 script(s), cached layers [base [10-packages.sh]]"));
        session.getUserProperties().setProperty("azure-image.layers.base", "10-pakages.sh");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<layers/base> (-Dazure-image.layers.base): Layer base names 10-pakages.sh")
                .hasMessageContaining("Did you mean 10-packages.sh?");
    }
}

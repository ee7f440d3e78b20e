package dev.imagebaker.azureimage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.lenient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagebaker.azureimage.config.PropertyNames;
import java.io.File;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** azure-image:role writes the role scoped to the subscription (its actions: see RoleCoverageTest). */
@MojoTest
@Basedir("/unit/precedence")
class RoleMojoTest {
    private static final String POM = "<project><build><plugins><plugin>"
            + "<artifactId>azure-image-maven-plugin</artifactId><configuration>"
            + "<subscriptionId>8F3C2A10-5B6D-4E7F-9A8B-1C2D3E4F5A6B</subscriptionId>"
            + "</configuration></plugin></plugins></build></project>";

    @Inject
    MavenSession session;

    @Inject
    MavenProject project;

    @BeforeEach
    void project() {
        Build build = new Build();
        build.setDirectory(new File(project.getBasedir(), "target").getPath());
        lenient().when(project.getBuild()).thenReturn(build);
    }

    @Test
    @InjectMojo(goal = "role", pom = POM)
    void writesTheRoleScopedToTheSubscription(RoleMojo mojo) throws Exception {
        mojo.execute();
        Path file = project.getBasedir().toPath().resolve("target/azure-image/role.json");
        JsonNode role = new ObjectMapper().readTree(file.toFile());
        assertThat(role.path("AssignableScopes").get(0).asText())
                .isEqualTo("/subscriptions/8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b");
        assertThat(role.path("IsCustom").asBoolean()).isTrue();
        assertThat(role.path("Actions").toString()).contains("Microsoft.Compute/virtualMachines/write")
                .contains("Microsoft.Network/virtualNetworks/subnets/join/action");
    }

    @Test
    @InjectMojo(goal = "role", pom = POM)
    void aBadSubscriptionIsNamed(RoleMojo mojo) {
        session.getUserProperties().setProperty(PropertyNames.SUBSCRIPTION_ID, "my-sub");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<subscriptionId> (-Dazure-image.subscriptionId): 'my-sub' is not");
    }
}

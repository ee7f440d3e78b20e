package dev.imagebaker.azureimage.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebaker.azureimage.config.PropertyNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The copy-ready CI recipes of docs/ci: valid YAML, signing in as README says, naming only real properties. */
class CiRecipesTest {
    private static final Pattern PROPERTY = Pattern.compile("-D(azure-image\\.[A-Za-z.]+)=");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) throws IOException {
        return new Yaml().load(Files.readString(Path.of("docs/ci", file)));
    }

    private static void onlyKnownProperties(String file) throws IOException {
        Matcher m = PROPERTY.matcher(Files.readString(Path.of("docs/ci", file)));
        int found = 0;
        while (m.find()) {
            assertThat(PropertyNames.all()).as(file + " uses " + m.group(1)).contains(m.group(1));
            found++;
        }
        assertThat(found).isGreaterThan(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGitHubActionsRecipeUsesOidcAndCleansNightly() throws IOException {
        Map<String, Object> workflow = load("github-actions.yml");
        assertThat((Map<String, Object>) workflow.get("permissions")).containsEntry("id-token", "write");
        assertThat((String) ((Map<String, Object>) workflow.get("env")).get("MAVEN_ARGS"))
                .contains("-Dazure-image.auth.type=github_oidc");
        Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
        assertThat(jobs).containsKeys("image", "clean");
        List<Map<String, Object>> cleanSteps = (List<Map<String, Object>>) ((Map<String, Object>) jobs.get("clean"))
                .get("steps");
        assertThat(cleanSteps).anyMatch(s -> String.valueOf(s.get("run")).contains("azure-image:clean"));
        onlyKnownProperties("github-actions.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAzurePipelinesRecipeUsesTheServiceConnection() throws IOException {
        Map<String, Object> pipeline = load("azure-pipelines.yml");
        assertThat((String) ((Map<String, Object>) pipeline.get("variables")).get("mavenArgs"))
                .contains("-Dazure-image.auth.type=azure_pipelines");
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) pipeline.get("jobs");
        assertThat(jobs).extracting(j -> j.get("job")).containsExactly("image", "clean");
        assertThat(jobs.toString()).contains("SYSTEM_ACCESSTOKEN=$(System.AccessToken)");
        onlyKnownProperties("azure-pipelines.yml");
    }
}

package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.BakeConfig;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the configuration offline, without touching Azure: names, regions, the source, the version mapping,
 * the scripts. Every problem is reported with its pom element, its -D property and the fix.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends ImageMojo {

    @Override
    String goal() {
        return "validate";
    }

    @Override
    public void execute() throws MojoFailureException {
        if (skipped()) {
            return;
        }
        BakeConfig config = readConfig();
        getLog().info("azure-image configuration is valid: " + config.gallery().name() + "/"
                + config.definition() + "/" + config.imageVersion().describe() + " from " + config.source().text()
                + " in " + config.location() + ", " + config.scripts().size() + " script(s)"
                + (config.layers().active() ? ", cached layers " + config.layers().cached().stream()
                .map(l -> l.name() + " " + l.scripts()).toList() : ""));
    }
}

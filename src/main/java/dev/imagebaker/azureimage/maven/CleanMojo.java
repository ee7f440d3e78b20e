package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.bake.clean.Cleaner;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.ConfigException;
import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.PublishConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes what killed builds left in the subscription: temporary resource groups this plugin created whose
 * expiry (tempGroupTtl) has passed, and, in the configured gallery, image versions it baked whose provisioning
 * failed. Only resources with the plugin's tags are touched, so no confirmation is asked; -Dazure-image.clean.dryRun
 * lists what would go.
 */
@Mojo(name = "clean", requiresProject = false, threadSafe = true)
public class CleanMojo extends ImageMojo {

    /** Only report what would be deleted. */
    @Parameter(property = PropertyNames.CLEAN_DRY_RUN, defaultValue = "false")
    boolean dryRun; // read through flag(), which also checks a -D value strictly

    @Override
    String goal() {
        return "clean";
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        boolean onlyReport = flag(PropertyNames.CLEAN_DRY_RUN);
        PublishConfig config;
        try {
            config = BakeConfigReader.readPublish(rawConfiguration(), projectInfo(), null, null);
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        List<String> definitions = new ArrayList<>();
        if (config.releaseDefinition() != null) {
            definitions.add(config.releaseDefinition());
            definitions.add(config.snapshotDefinition());
            // A bake killed while it recorded a cached layer leaves a failed version there.
            definitions.add(GalleryTarget.layerDefinitionOf(config.releaseDefinition()));
        }
        try (CloudConnection cloud = CloudConnection.open(config.subscriptionId(), config.tenantId(),
                config.emulator(), config.access(), proxy(), outputDirectory(), getLog())) {
            Cleaner.Report report = new Cleaner(cloud.cloud(), new MavenProgress(getLog()), Duration.ofSeconds(30))
                    .clean(new Cleaner.Request(Instant.now(), onlyReport, config.timeouts().operation(),
                            config.galleryResourceGroup(), config.galleryName(), definitions,
                            config.buildResourceGroup()));
            getLog().info((onlyReport ? "Would delete " : "Deleted ") + report.groups().size() + " resource group(s)"
                    + " and " + report.versions().size() + " failed image version(s); kept " + report.kept().size()
                    + " unexpired group(s)" + (onlyReport ? " (dry run)" : ""));
        } catch (StepFailedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}

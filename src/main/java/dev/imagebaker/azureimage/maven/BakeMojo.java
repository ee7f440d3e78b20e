package dev.imagebaker.azureimage.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.Manifest;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.bake.publish.Publisher;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.BakeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Bakes the image: a build VM from the source, the project's scripts, generalization in the guest and in Azure,
 * and an image version in the gallery named after the project version; every temporary resource is deleted, on
 * success and on failure. A version already baked from the same inputs is reused. When a publish goal is bound,
 * the version stays a candidate (build region, excluded from latest); otherwise bake publishes it. Writes
 * target/azure-image/image.json and attaches it to the build (type json, classifier azure-image).
 */
@Mojo(name = "bake", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BakeMojo extends ImageMojo {
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    @Component
    MavenProjectHelper projectHelper;

    @Override
    String goal() {
        return "bake";
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        BakeConfig config = readConfig();
        Path output = outputDirectory();
        Path file = output.resolve("image.json");
        try (CloudConnection cloud = CloudConnection.open(config.subscriptionId(), config.tenantId(),
                config.emulator(), config.access(), proxy(), output, getLog())) {
            MavenProgress progress = new MavenProgress(getLog());
            BakeResult result;
            try {
                result = new Baker(cloud.cloud(), progress, HEARTBEAT).bake(config);
            } finally {
                getLog().info("Made " + cloud.requestCount() + " ARM requests");
            }
            ObjectNode manifest = Manifest.of(config, result, cloud.requestCount());
            Manifest.write(manifest, file);
            if (config.publishing().publishLater()) {
                getLog().info("Image version " + result.version().name() + " is a candidate: azure-image:"
                        + (goalBound("test-image") ? "test-image tests it, then " : "") + "publish replicates and"
                        + " promotes it");
            } else {
                VersionInfo published = new Publisher(cloud.cloud(), progress, HEARTBEAT).publish(new BakedVersion(
                        result.version().id(), config.kind(), config.location()), config.publishing(),
                        config.timeouts().operation(), config.gallery().imageDefinition(),
                        config.gallery().snapshotImageDefinition());
                manifest.set("imageVersion", Manifest.version(published));
                Manifest.write(manifest, file);
            }
            projectHelper.attachArtifact(project, "json", "azure-image", file.toFile());
            exportProperties(result);
            getLog().info("Manifest: " + file);
        } catch (StepFailedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** For later plugins in the same build, e.g. ${azure-image.imageVersionId} in a deployment descriptor. */
    private void exportProperties(BakeResult result) {
        project.getProperties().setProperty("azure-image.imageVersionId", result.version().id().value());
        project.getProperties().setProperty("azure-image.imageVersion", result.version().name());
        project.getProperties().setProperty("azure-image.imageDefinitionId", result.version().id().definitionId());
        project.getProperties().setProperty("azure-image.galleryId", result.version().id().galleryId());
        project.getProperties().setProperty("azure-image.sourceImage", result.source().resolved());
        project.getProperties().setProperty("azure-image.buildId", result.buildId());
    }
}

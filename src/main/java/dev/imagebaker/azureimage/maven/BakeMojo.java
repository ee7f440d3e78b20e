package dev.imagebaker.azureimage.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagebaker.azureimage.bake.BakeException;
import dev.imagebaker.azureimage.bake.BakeResult;
import dev.imagebaker.azureimage.bake.Baker;
import dev.imagebaker.azureimage.bake.Manifest;
import dev.imagebaker.azureimage.config.BakeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Bakes the image: a build VM from the source, the project's scripts, generalization in the guest and in Azure,
 * and an image version in the gallery named after the project version. Every temporary resource is deleted,
 * on success and on failure. Writes target/azure-image/image.json.
 */
@Mojo(name = "bake", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BakeMojo extends ImageMojo {
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

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
        try (CloudConnection cloud = CloudConnection.open(config, output, getLog())) {
            BakeResult result;
            try {
                result = new Baker(cloud.cloud(), new MavenProgress(getLog()), HEARTBEAT).bake(config);
            } catch (BakeException e) {
                throw new MojoFailureException(e.getMessage(), e);
            } finally {
                getLog().info("Made " + cloud.requestCount() + " ARM requests");
            }
            ObjectNode manifest = Manifest.of(config, result);
            manifest.put("armRequests", cloud.requestCount());
            Path file = output.resolve("image.json");
            Manifest.write(manifest, file);
            exportProperties(result);
            getLog().info("Manifest: " + file);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the manifest: " + e.getMessage(), e);
        }
    }

    /** For later plugins in the same build, e.g. ${azure-image.imageVersionId} in a deployment descriptor. */
    private void exportProperties(BakeResult result) {
        project.getProperties().setProperty("azure-image.imageVersionId", result.version().id());
        project.getProperties().setProperty("azure-image.imageVersion", result.version().name());
        project.getProperties().setProperty("azure-image.imageDefinitionId", result.definitionId());
        project.getProperties().setProperty("azure-image.galleryId", result.galleryId());
        project.getProperties().setProperty("azure-image.sourceImage", result.source().resolved());
        project.getProperties().setProperty("azure-image.buildId", result.buildId());
    }
}

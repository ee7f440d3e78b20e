package dev.imagebaker.azureimage.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.Manifest;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.publish.Publisher;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.ConfigException;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.PublishConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Publishes the version a manifest names: replicates it to the target regions, sets its end of life, promotes a
 * release to latest (never a snapshot), waits for replication with progress per region, then applies retention.
 * Idempotent. Runs from the manifest alone, e.g. in a later pipeline stage:
 * {@code mvn azure-image:publish -Dazure-image.manifest=image.json}.
 */
@Mojo(name = "publish", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PublishMojo extends ImageMojo {
    private static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(30);

    /** The manifest of the version to publish; default: the one bake wrote. */
    @Parameter(property = PropertyNames.MANIFEST, defaultValue = "${project.build.directory}/azure-image/image.json")
    File manifest;

    @Override
    String goal() {
        return "publish";
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        ManifestTarget read = ManifestTarget.read(manifestFile(manifest), "publish");
        ObjectNode image = read.image();
        BakedVersion target = read.target();
        PublishConfig config;
        try {
            config = BakeConfigReader.readPublish(rawConfiguration(), projectInfo(), target.location(),
                    read.subscriptionId());
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Path output = outputDirectory();
        try (CloudConnection cloud = CloudConnection.open(config.subscriptionId(), config.tenantId(),
                config.emulator(), config.access(), proxy(), output, getLog())) {
            VersionInfo published = new Publisher(cloud.cloud(), new MavenProgress(getLog()), HEARTBEAT).publish(
                    target, config.publishing(), config.timeouts().operation(), config.releaseDefinition(),
                    config.snapshotDefinition());
            image.set("imageVersion", Manifest.version(published));
            Path written = output.resolve("image.json");
            Manifest.write(image, written);
            getLog().info("Published " + target.id() + "; made " + cloud.requestCount()
                    + " ARM requests; manifest " + written);
        } catch (StepFailedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the manifest: " + e.getMessage(), e);
        }
    }
}

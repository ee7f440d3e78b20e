package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.test.ImageTester;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.ConfigException;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.TestConfig;
import java.io.File;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Tests the candidate a manifest names: boots test VMs from it in a temporary group, runs src/test/image/*.sh
 * (or *.ps1) on each through run commands, reports, deletes everything, and tags the version with the result.
 * A failing image stays excluded from latest and publish refuses it.
 */
@Mojo(name = "test-image", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class TestImageMojo extends ImageMojo {

    /** The manifest of the version to test; default: the one bake wrote. */
    @Parameter(property = PropertyNames.MANIFEST, defaultValue = "${project.build.directory}/azure-image/image.json")
    File manifest;

    /** Test VMs: count (1 to 10), vmSize (default: vmSize), scriptsDirectory (src/test/image), timeout, skip. */
    @Parameter
    TestParameters test;

    /** Maven's switch for integration tests, honoured here too. */
    @Parameter(property = "skipITs", defaultValue = "false")
    boolean skipITs;

    @Override
    String goal() {
        return "test-image";
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        MojoConfiguration raw = rawConfiguration();
        if (skipITs || flag(PropertyNames.TEST_SKIP)) {
            getLog().info("Skipping azure-image:test-image: " + (skipITs ? "skipITs is set" : PropertyNames.TEST_SKIP
                    + " is true") + "; the candidate stays excluded from latest until it is published.");
            return;
        }
        ManifestTarget read = ManifestTarget.read(manifestFile(manifest), "test");
        TestConfig config;
        try {
            config = BakeConfigReader.readTest(raw, projectInfo(), new ReadOptions(false, secretResolver(), false),
                    read.osType(), read.subscriptionId());
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        try (CloudConnection cloud = CloudConnection.open(config.subscriptionId(), config.tenantId(),
                config.emulator(), config.access(), proxy(), outputDirectory(), getLog())) {
            new ImageTester(cloud.cloud(), new MavenProgress(getLog()), Duration.ofSeconds(30))
                    .test(config, read.target());
        } catch (StepFailedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}

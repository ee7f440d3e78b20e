package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import dev.imagebaker.azureimage.emulator.StateFileException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Runs the Azure Resource Manager emulator in the foreground, over HTTPS, until Ctrl-C, so that other Azure
 * clients (the az CLI, Terraform, an SDK) can rehearse against it. Prints the endpoint and the certificate to
 * trust.
 */
@Mojo(name = "emulator", requiresProject = false, threadSafe = true)
public class EmulatorMojo extends AbstractMojo {

    /** The loopback port to listen on. */
    @Parameter(property = PropertyNames.EMULATOR_PORT, defaultValue = "8443")
    int port;

    /** Azure's durations times this factor: 1 = as slow as Azure, 0.01 = a hundred times faster, 0 = instant. */
    @Parameter(property = PropertyNames.EMULATOR_TIME_SCALE, defaultValue = "0.01")
    double timeScale;

    /** A JSON file the emulated cloud is loaded from and saved to, to share it between runs. */
    @Parameter(property = PropertyNames.EMULATOR_STATE)
    private File state;

    /** A JSON file of fault rules to inject, e.g. [{"kind":"THROTTLE","operation":"Microsoft.Compute/*","times":3}]. */
    @Parameter(property = PropertyNames.EMULATOR_FAULTS)
    File faults;

    /**
     * Where to write the emulator's certificate (PEM) for clients to trust; by default
     * target/azure-image/emulator.pem under the project, or under the current directory without one.
     */
    @Parameter(property = PropertyNames.EMULATOR_CERTIFICATE)
    File certificate;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    /** Values Maven's conversion lets through but the emulator cannot use, refused before it starts. */
    void checkSettings() throws MojoExecutionException {
        if (port < 0 || port > 65535) {
            throw new MojoExecutionException("<port> (-D" + PropertyNames.EMULATOR_PORT + "): " + port + " is not a"
                    + " TCP port. Fix: use a port from 1 to 65535 (0 picks a free one), e.g. 8443.");
        }
        if (timeScale < 0 || Double.isNaN(timeScale) || Double.isInfinite(timeScale)) {
            throw new MojoExecutionException("<timeScale> (-D" + PropertyNames.EMULATOR_TIME_SCALE + "): " + timeScale
                    + " is negative. Fix: use 0 (instant), 0.01 (a hundred times faster than Azure) or 1.");
        }
        if (faults != null && !faults.isFile()) {
            throw new MojoExecutionException("<faults> (-D" + PropertyNames.EMULATOR_FAULTS + "): the fault file "
                    + faults + " does not exist. Fix: point it at a JSON array of fault rules (see README, 'Faults').");
        }
        for (Path parent = certificate.toPath().toAbsolutePath().getParent(); parent != null;
             parent = parent.getParent()) {
            if (Files.exists(parent)) {
                if (!Files.isDirectory(parent)) {
                    throw new MojoExecutionException("<certificate> (-D" + PropertyNames.EMULATOR_CERTIFICATE
                            + "): " + certificate + " cannot be written: " + parent + " is a file, not a folder."
                            + " Fix: point it at a file in a folder, e.g. target/azure-image/emulator.pem.");
                }
                break;
            }
        }
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (certificate == null) {
            File base = project != null && project.getFile() != null ? new File(project.getBuild().getDirectory())
                    : new File(System.getProperty("user.dir"), "target");
            certificate = new File(base, "azure-image/emulator.pem");
        }
        checkSettings();
        ArmEmulator emulator;
        try {
            ArmEmulator.Builder builder = ArmEmulator.builder().port(port).timeScale(timeScale)
                    .requestLog(line -> getLog().info(line));
            if (state != null) {
                builder.stateFile(state.toPath());
            }
            emulator = builder.start();
        } catch (StateFileException e) {
            throw new MojoExecutionException(e.getMessage() + " Fix: " + e.fix(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("Cannot start the emulator on port " + port + ": " + e.getMessage()
                    + ". Choose another port with -D" + PropertyNames.EMULATOR_PORT + "=<port>.", e);
        }
        try {
            if (faults != null) {
                emulator.faults().addFile(faults.toPath());
            }
        } catch (IOException | IllegalArgumentException e) {
            emulator.close();
            throw new MojoExecutionException("<faults> (-D" + PropertyNames.EMULATOR_FAULTS + "): cannot load "
                    + faults + ": " + e.getMessage() + ". Fix: point it at a JSON array of fault rules (see README,"
                    + " 'Faults').", e);
        }
        try {
            Files.createDirectories(certificate.toPath().toAbsolutePath().getParent());
            Files.writeString(certificate.toPath(), emulator.certificatePem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            emulator.close();
            throw new MojoExecutionException("<certificate> (-D" + PropertyNames.EMULATOR_CERTIFICATE + "): cannot"
                    + " write " + certificate + ": " + e.getMessage() + ". Fix: point it at a writable file.", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "azure-image-emulator-shutdown"));
        getLog().info("Azure Resource Manager emulator listening on " + emulator.endpoint()
                + " (time scale " + timeScale + ")");
        getLog().info("Certificate to trust: " + certificate.getAbsolutePath());
        getLog().info("Subscription: " + ArmEmulator.DEFAULT_SUBSCRIPTION + ", tenant: " + ArmEmulator.TENANT
                + "; any bearer token is accepted, tokens come from " + emulator.endpoint() + "adfs/oauth2/token");
        getLog().info("Press Ctrl-C to stop.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulator.close();
        }
    }
}

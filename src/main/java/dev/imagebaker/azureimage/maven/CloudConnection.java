package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.azure.AzureSession;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.config.Access;
import dev.imagebaker.azureimage.config.EmulatorSettings;
import dev.imagebaker.azureimage.config.ProxySettings;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import dev.imagebaker.azureimage.emulator.StateFileException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Azure, or the embedded emulator started for this goal. The two differ only in endpoint and credential; the
 * emulator's inventory is written next to the manifest when the goal ends.
 */
final class CloudConnection implements AutoCloseable {
    private final AzureSession session;
    private final ArmEmulator emulator;
    private final Path inventory;
    private final Log log;

    private CloudConnection(AzureSession session, ArmEmulator emulator, Path inventory, Log log) {
        this.session = session;
        this.emulator = emulator;
        this.inventory = inventory;
        this.log = log;
    }

    static CloudConnection open(String subscriptionId, String tenantId, EmulatorSettings settings, Access access,
                                ProxySettings proxy, Path outputDir, Log log)
            throws MojoExecutionException, MojoFailureException {
        if (!settings.enabled()) {
            log.info("Connecting to " + access.cloud().name() + " subscription " + subscriptionId + " (sign-in: "
                    + access.auth().type().pomName() + (proxy == null ? "" : ", through proxy " + proxy) + ")");
            try {
                return new CloudConnection(AzureSession.azure(access, tenantId, subscriptionId, proxy), null, null,
                        log);
            } catch (CloudException e) {
                throw new MojoFailureException(e.getMessage(), e);
            }
        }
        ArmEmulator emulator;
        try {
            ArmEmulator.Builder builder = ArmEmulator.builder().timeScale(settings.timeScale())
                    .subscription(subscriptionId).requestLog(line -> log.debug("[emulator] " + line))
                    .stateWait(java.time.Duration.ofMinutes(10), log::info)
                    .tlsStore(outputDir.resolve("emulator-tls.pem"));
            if (settings.stateFile() != null) {
                builder.stateFile(settings.stateFile());
            }
            emulator = builder.start();
            if (settings.faultsFile() != null) {
                emulator.faults().addFile(settings.faultsFile());
            }
        } catch (StateFileException e) {
            throw new MojoFailureException(e.getMessage() + " Fix: " + e.fix(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("Cannot start the embedded Azure emulator: " + e.getMessage(), e);
        }
        log.info("Using the embedded Azure Resource Manager emulator at " + emulator.endpoint() + " (time scale "
                + settings.timeScale() + "); nothing is created in Azure");
        AzureSession session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(),
                ArmEmulator.TENANT, subscriptionId, settings.timeScale());
        return new CloudConnection(session, emulator, outputDir.resolve("emulator-inventory.json"), log);
    }

    Cloud cloud() {
        return session.cloud();
    }

    int requestCount() {
        return session.requestCount();
    }

    @Override
    public void close() {
        session.close();
        if (emulator != null) {
            try {
                emulator.writeInventory(inventory);
                log.info("Emulator inventory written to " + inventory);
            } catch (IOException e) {
                log.warn("Cannot write the emulator inventory " + inventory + ": " + e.getMessage());
            }
            emulator.close();
        }
    }
}

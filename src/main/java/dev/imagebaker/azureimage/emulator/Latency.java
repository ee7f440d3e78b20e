package dev.imagebaker.azureimage.emulator;

import java.time.Duration;

/**
 * How long Azure takes for each kind of operation (nominal, observed on Azure), times a time scale:
 * 1 = as slow as Azure, 0.01 = a bake in seconds, 0 = instant.
 */
public enum Latency {
    RESOURCE_GROUP_DELETE(120),
    NETWORK_WRITE(5),
    NETWORK_DELETE(10),
    VM_CREATE(90),
    VM_START(30),
    VM_POWER_OFF(30),
    VM_DEALLOCATE(60),
    VM_RESTART(45),
    VM_DELETE(60),
    /** A VM's PATCH, or a PUT on an existing VM. */
    VM_UPDATE(10),
    /** A guest that was never deprovisioned: Azure waits this long for it before OSProvisioningTimedOut. */
    OS_PROVISIONING_TIMEOUT(40 * 60),
    /** From a script's end to Azure showing it in the run command's instance view; a script lasts this plus its sleeps. */
    RUN_COMMAND(15),
    RUN_COMMAND_DELETE(5),
    /** How long waagent -deprovision takes in the guest (it stops the agent when it starts). */
    LINUX_DEPROVISION(20),
    /** How long sysprep /generalize takes, from IMAGE_STATE_UNDEPLOYABLE to IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE. */
    WINDOWS_SYSPREP(180),
    DISK_DELETE(10),
    /** A full snapshot's operation: it ends once the copy is consistent; the background copy is not waited for. */
    SNAPSHOT_CREATE(30),
    SNAPSHOT_UPDATE(10),
    SNAPSHOT_DELETE(10),
    IMAGE_CREATE(60),
    IMAGE_DELETE(20),
    IMAGE_UPDATE(10),
    GALLERY_WRITE(10),
    GALLERY_DELETE(10),
    GALLERY_IMAGE_WRITE(10),
    GALLERY_IMAGE_DELETE(10),
    /** Replication of an image version, per region. */
    IMAGE_VERSION_REGION(10 * 60),
    IMAGE_VERSION_UPDATE(30),
    IMAGE_VERSION_DELETE(60),
    STORAGE_ACCOUNT_CREATE(20),
    STORAGE_ACCOUNT_DELETE(5);

    private final Duration nominal;

    Latency(int seconds) {
        this.nominal = Duration.ofSeconds(seconds);
    }

    public Duration nominal() {
        return nominal;
    }

    Duration scaled(double timeScale) {
        return Duration.ofMillis(Math.round(nominal.toMillis() * timeScale));
    }
}

package dev.imagebaker.azureimage.emulator;

/**
 * Where a VM's OS disk comes from, and what Azure knows about it: OS type, Hyper-V generation, architecture,
 * and whether the guest was deprovisioned before capture (a guest that was not never finishes provisioning).
 */
record ImageSource(String osType, String hyperVGeneration, String architecture, boolean deprovisioned,
                   String description) {
}

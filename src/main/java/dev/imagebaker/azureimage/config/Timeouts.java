package dev.imagebaker.azureimage.config;

import java.time.Duration;

/**
 * Bounds on every wait: one script, the guest's deprovision until the VM stops, and any single Azure operation
 * (VM creation, capture, group deletion).
 */
public record Timeouts(Duration script, Duration deprovision, Duration operation) {
}

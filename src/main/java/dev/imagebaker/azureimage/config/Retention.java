package dev.imagebaker.azureimage.config;

import java.time.Duration;

/**
 * Which old image versions publish deletes: all but the newest {@code releases} releases and {@code snapshots}
 * snapshots; never the current latest, never one younger than minimumAge, never one the plugin did not bake.
 * A dry run only reports.
 */
public record Retention(int releases, int snapshots, Duration minimumAge, boolean dryRun) {
}

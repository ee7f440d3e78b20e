package dev.imagebaker.azureimage.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What test-image needs: where Azure is, how many test VMs of which size, the test scripts (src/test/image), the
 * values and secrets they get, and the bounds.
 */
public record TestConfig(String subscriptionId, String tenantId, EmulatorSettings emulator, OsType osType,
                         String vmSize, int count, List<ScriptSpec> scripts, Map<String, String> environment,
                         Map<String, Secret> secrets, Timeouts timeouts, boolean keepOnFailure, Duration tempGroupTtl,
                         boolean waitForDeletion,
                         ProjectInfo project, Placement placement, Access access) {
    public TestConfig {
        scripts = List.copyOf(scripts);
    }
}

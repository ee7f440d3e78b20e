package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.Secret;
import dev.imagebaker.azureimage.config.ScriptSpec;
import dev.imagebaker.azureimage.config.TestConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tests a candidate image: boots test VMs from it in a temporary group, runs the test scripts on each through run
 * commands, reports, and deletes everything. The version is tagged azure-image.test=passed or failed; a failed
 * candidate stays excluded from latest and publish refuses it. A VM that never finishes provisioning
 * (OSProvisioningTimedOut) means the image was not generalized in the guest, and the message says so.
 */
public final class ImageTester {
    public static final String TAG_TEST = "azure-image.test";
    public static final String TAG_TESTED_AT = "azure-image.tested-at";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    private final Cloud cloud;
    private final Progress progress;
    private final Duration heartbeatInterval;

    public ImageTester(Cloud cloud, Progress progress, Duration heartbeatInterval) {
        this.cloud = cloud;
        this.progress = progress;
        this.heartbeatInterval = heartbeatInterval;
    }

    public record TestResult(String versionId, int vms, int scripts, Map<String, Duration> stepTimes) {
    }

    public TestResult test(TestConfig config, PublishTarget target) {
        Instant started = Instant.now();
        BuildNames names = BuildNames.of("test-" + config.project().artifactId(), started);
        Pipeline pipeline = new Pipeline(progress, cloud.pacer(), heartbeatInterval, config.timeouts().operation(),
                config.keepOnFailure(), "az group delete -n " + names.tempGroup() + " --yes --no-wait");
        progress.info("Testing image version " + target.path() + " on " + config.count() + " VM(s) with "
                + config.scripts().size() + " test script(s) (build " + names.buildId() + ")");
        int total = 2 + config.count() * (1 + config.scripts().size());
        int number = 0;
        List<BuildVm> vms = new ArrayList<>();
        BakeException failure = null;
        try {
            pipeline.step(++number, total, "Check candidate " + target.version(), target::versionId, () -> {
                VersionInfo v = cloud.galleries().version(target.resourceGroup(), target.gallery(),
                        target.definition(), target.version()).orElseThrow(() -> new CloudException("NotFound", 404,
                        "The image version " + target.versionId() + " does not exist."));
                if (!"Succeeded".equals(v.provisioningState())) {
                    throw new BakeException("Check candidate " + target.version(), target.versionId(), null,
                            "The image version is " + v.provisioningState() + ", not Succeeded.", "Bake it again;"
                            + " azure-image:clean removes a Failed version.", null);
                }
            });
            String group = names.tempGroup();
            pipeline.step(++number, total, "Create resource group " + group, () -> "resource group " + group,
                    () -> CreateTempGroupStep.create(cloud, pipeline.cleanups, group, target.location(),
                            names.buildId(), config.tempGroupTtl(), "azure-image-maven-plugin test-image "
                                    + config.project().artifactId(), config.timeouts().operation()));
            for (int i = 1; i <= config.count(); i++) {
                String name = "azimg-test-" + i;
                pipeline.step(++number, total, "Create test VM " + name + " (" + config.vmSize() + ") from "
                        + target.version(), () -> "VM " + group + "/" + name, () -> vms.add(createVm(config, target,
                        group, name)));
                for (ScriptSpec script : config.scripts()) {
                    BuildVm vm = vms.get(vms.size() - 1);
                    pipeline.step(++number, total, "Run test " + script.name() + " on " + name,
                            () -> "VM " + group + "/" + name, () -> runTest(config, vm, script));
                }
            }
        } catch (BakeException e) {
            failure = pipeline.failure(e);
        } finally {
            tag(target, failure == null);
            List<String> leaks = pipeline.finish(failure == null);
            if (failure == null && !leaks.isEmpty()) {
                failure = new BakeException("cleanup", String.join(", ", leaks), null, "The tests passed, but the"
                        + " temporary resources above could not be deleted.", "Delete them or run mvn"
                        + " azure-image:clean.", null);
            }
        }
        if (failure != null) {
            throw failure;
        }
        progress.info("Image version " + target.version() + " passed its tests on " + config.count() + " VM(s)");
        return new TestResult(target.versionId(), config.count(), config.scripts().size(), pipeline.stepTimes());
    }

    private BuildVm createVm(TestConfig config, PublishTarget target, String group, String name) {
        Secret credential = Credentials.fresh(config.osType());
        try {
            return cloud.vms().create(new BuildVmRequest(group, target.location(), name, name, config.vmSize(),
                    config.osType(), target.versionId(), CreateBuildVmStep.ADMIN_USER, credential, Map.of()),
                    config.timeouts().operation());
        } catch (CloudException e) {
            if ("OSProvisioningTimedOut".equalsIgnoreCase(e.code())) {
                throw new BakeException("Create test VM " + name, "VM " + group + "/" + name, e.code(), "A VM from"
                        + " the image did not finish provisioning: the image was most likely captured from a guest"
                        + " that was not generalized (waagent -deprovision+user or sysprep), so the guest does not"
                        + " provision itself as a new machine. Azure: " + e.getMessage(), "Re-bake the image; if"
                        + " a script shuts the VM down or undoes the deprovision, remove that. The candidate stays"
                        + " excluded from latest.", e);
            }
            throw e;
        }
    }

    private void runTest(TestConfig config, BuildVm vm, ScriptSpec script) {
        String text;
        try {
            text = script.content();
        } catch (java.io.IOException e) {
            throw new BakeException("Run test " + script.name(), script.name(), null, "Cannot read the test: "
                    + e.getMessage(), "Check that the file is readable UTF-8.", e);
        }
        ScriptExecution.Result result = ScriptExecution.run(cloud, progress, vm, "test-" + script.runName(), script,
                text, config.osType(), config.environment(), config.secrets());
        if (!result.accepted()) {
            throw new BakeException("Run test " + script.name() + " on " + vm.name(), "VM " + vm.resourceGroup()
                    + "/" + vm.name(), null, "Test " + script.name() + " failed on " + vm.name() + " with exit code "
                    + result.exitCode() + "." + result.errorTail(), "The image does not pass its tests: it stays a"
                    + " candidate, excluded from latest, tagged " + TAG_TEST + "=" + FAILED + ", and publish refuses"
                    + " it. Fix the image or the test and build again: a bake from changed inputs replaces the failed"
                    + " candidate; from the same inputs it reuses it and tests it again.", null);
        }
    }

    private void tag(PublishTarget target, boolean passed) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_TEST, passed ? PASSED : FAILED);
        tags.put(TAG_TESTED_AT, Instant.now().toString());
        try {
            cloud.galleries().tagVersion(target.versionId(), tags, Duration.ofMinutes(10));
            progress.info("Tagged " + target.version() + " " + TAG_TEST + "=" + tags.get(TAG_TEST));
        } catch (CloudException e) {
            progress.warn("Could not tag " + target.versionId() + " with the test result: " + e.getMessage());
        }
    }
}

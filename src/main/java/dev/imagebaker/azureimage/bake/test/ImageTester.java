package dev.imagebaker.azureimage.bake.test;

import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.BuildVm;
import dev.imagebaker.azureimage.bake.cloud.BuildVmRequest;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.FileStaging;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.cloud.VmSku;
import dev.imagebaker.azureimage.bake.guest.BuildNames;
import dev.imagebaker.azureimage.bake.guest.Credentials;
import dev.imagebaker.azureimage.bake.guest.ScriptExecution;
import dev.imagebaker.azureimage.bake.guest.Sizes;
import dev.imagebaker.azureimage.bake.guest.TempGroup;
import dev.imagebaker.azureimage.bake.run.Fixes;
import dev.imagebaker.azureimage.bake.run.Plan;
import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.bake.run.RunOutcome;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepRunner;
import dev.imagebaker.azureimage.config.NetworkSettings;
import dev.imagebaker.azureimage.config.ScriptSpec;
import dev.imagebaker.azureimage.config.Secret;
import dev.imagebaker.azureimage.config.SecurityType;
import dev.imagebaker.azureimage.config.TestConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tests a candidate image: boots test VMs from it in a temporary group, runs the test scripts on each through run
 * commands, reports, and deletes everything. The version is tagged azure-image.test=passed or failed; a failed
 * candidate stays excluded from latest and publish refuses it. A VM that never finishes provisioning
 * (OSProvisioningTimedOut) means the image was not generalized in the guest, and the message says so.
 */
public final class ImageTester {
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

    /** What the steps of one test run share. */
    private static final class Run {
        final TestConfig config;
        final BakedVersion target;
        final BuildNames names;
        final StepRunner runner;
        final Map<String, BuildVm> vms = new ConcurrentHashMap<>();
        volatile DefinitionInfo definition;
        volatile FileStaging.StagingArea staging;
        volatile String subnetId;
        /** The image itself failed (a test, or its VMs never provision); not a failure of Azure or of this run. */
        volatile boolean imageFailed;

        Run(TestConfig config, BakedVersion target, BuildNames names, StepRunner runner) {
            this.config = config;
            this.target = target;
            this.names = names;
            this.runner = runner;
        }

        Map<String, String> tags() {
            return config.placement().tagsWith(TempGroup.ownTags(names.buildId(), config.tempGroupTtl(), createdBy()));
        }

        String createdBy() {
            return "azure-image-maven-plugin test-image " + config.project().artifactId();
        }
    }

    public TestResult test(TestConfig config, BakedVersion target) {
        BuildNames names = BuildNames.of("test-" + config.project().artifactId(), Instant.now(),
                config.placement().buildResourceGroup());
        String deleteHint = TempGroup.deleteHint(names);
        StepRunner runner = new StepRunner(progress, cloud.pacer(), heartbeatInterval, config.timeouts().operation(),
                config.keepOnFailure(), deleteHint);
        progress.info("Testing image version " + target.id().path() + " on " + config.count() + " VM(s) with "
                + config.scripts().size() + " test script(s) (build " + names.buildId() + ")");
        Run run = new Run(config, target, names, runner);
        RunOutcome outcome = runner.run(plan(config), run);
        // Only a verdict on the image is recorded: a run that Azure or an interruption cut short says nothing of it.
        if (outcome.succeeded() || run.imageFailed) {
            tag(target, outcome.succeeded());
        }
        outcome.throwIfFailed(() -> "The tests passed", deleteHint);
        progress.info("Image version " + target.id().version() + " passed its tests on " + config.count() + " VM(s)");
        return new TestResult(target.id().value(), config.count(), config.scripts().size(), outcome.stepTimes());
    }

    /**
     * Check the candidate and the test VM size, create the group, then its storage (the tests' whole output goes
     * there: Azure keeps only the last 4 KB) and network side by side; then every VM at once, each running every
     * test once it and the storage exist.
     */
    private Plan<Run> plan(TestConfig config) {
        Plan<Run> plan = new Plan<>();
        plan.then(Step.of(r -> "Check candidate " + r.target.id().version() + " and test VM size " + config.vmSize(),
                r -> r.target.id().value(), this::checkCandidate));
        Plan.Node<Run> group = plan.then(Step.of(r -> (r.names.sharedGroup() ? "Use build resource group "
                        : "Create resource group ") + r.names.tempGroup(), r -> "resource group " + r.names.tempGroup(),
                r -> TempGroup.prepare(cloud, r.runner.cleanups(), r.names, r.target.location(), config.tempGroupTtl(),
                        r.createdBy(), config.timeouts().operation(), config.waitForDeletion(),
                        config.placement().tags())));
        Plan.Node<Run> storage = plan.after(Step.of(r -> "Create storage account " + r.names.storageAccount()
                        + " for test output", r -> "storage account " + r.names.tempGroup() + "/"
                        + r.names.storageAccount(), r -> r.staging = cloud.staging().create(r.names.tempGroup(),
                        r.target.location(), r.names.storageAccount(), r.tags(), config.timeouts().operation())),
                group);
        NetworkSettings network = config.placement().network();
        Plan.Node<Run> subnet;
        if (network.existingSubnet()) {
            subnet = plan.after(Step.of(r -> "Use subnet " + network.subnetId(), r -> network.subnetId(),
                    r -> r.subnetId = network.subnetId()), group);
        } else {
            subnet = plan.after(Step.of(r -> "Create network " + r.names.tempGroup() + "/" + r.names.vm("test")
                            + "-vnet", r -> "virtual network " + r.names.tempGroup() + "/" + r.names.vm("test") + "-vnet",
                    r -> r.subnetId = cloud.networks().createBuildNetwork(r.names.tempGroup(), r.target.location(),
                            r.names.vm("test"), network.outbound() == NetworkSettings.Outbound.NAT, r.tags(),
                            config.timeouts().operation())), group);
        }
        for (int i = 1; i <= config.count(); i++) {
            String role = "test-" + i;
            Plan.Node<Run> last = plan.after(Step.of(r -> "Create test VM " + r.names.vm(role) + " ("
                    + config.vmSize() + ") from " + r.target.id().version(), r -> "VM " + r.names.tempGroup() + "/"
                    + r.names.vm(role), r -> r.vms.put(role, createVm(r, r.names.vm(role)))), subnet);
            for (ScriptSpec script : config.scripts()) {
                last = plan.after(Step.of(r -> "Run test " + script.name() + " on " + r.names.vm(role),
                        r -> "VM " + r.names.tempGroup() + "/" + r.names.vm(role),
                        r -> runTest(r, r.vms.get(role), script)), last, storage);
            }
        }
        return plan;
    }

    private void checkCandidate(Run r) {
        String step = "Check candidate " + r.target.id().version() + " and test VM size " + r.config.vmSize();
        VersionInfo v = cloud.galleries().version(r.target.id()).orElseThrow(() -> new CloudException("NotFound",
                404, "The image version " + r.target.id() + " does not exist."));
        if (!v.succeeded()) {
            throw new StepFailedException(step, r.target.id().value(), null, "The image version is "
                    + v.provisioningState() + ", not Succeeded.", "Bake it again; azure-image:clean removes a Failed"
                    + " version.", null);
        }
        GalleryImageVersionId id = r.target.id();
        r.definition = cloud.galleries().definition(id.resourceGroup(), id.gallery(), id.definition()).orElseThrow(
                () -> new CloudException("NotFound", 404, "The image definition of " + id + " does not exist."));
        VmSku size = Sizes.require(cloud.catalog().vmSizes(r.target.location()), r.config.vmSize(),
                r.target.location(), r.definition.facts(), id.path(), (problem, fix) -> new StepFailedException(step,
                        r.target.id().value(), null, problem + " Nothing was created.", fix.replace("<vmSize>",
                        "<test><vmSize>"), null));
        SecurityType type = securityType(r.definition);
        if (type == SecurityType.TRUSTED_LAUNCH && !size.trustedLaunch()) {
            throw new StepFailedException(step, r.target.id().value(), null, "The image definition only makes"
                    + " Trusted Launch VMs, and the VM size " + size.name() + " does not support Trusted Launch."
                    + " Nothing was created.", "Choose a <test><vmSize> that supports Trusted Launch, e.g. "
                    + String.join(", ", Sizes.alternatives(cloud.catalog().vmSizes(r.target.location()), size,
                    r.definition.facts())) + ".", null);
        }
    }

    /** VMs from a TrustedLaunch or ConfidentialVM definition must be of that security type (trusted-launch-portal.md). */
    private static SecurityType securityType(DefinitionInfo definition) {
        SecurityType type = SecurityType.of(definition.securityType());
        return type == null ? SecurityType.STANDARD : type;
    }

    private BuildVm createVm(Run r, String name) {
        Secret credential = Credentials.fresh(r.config.osType());
        String group = r.names.tempGroup();
        SecurityType type = securityType(r.definition);
        try {
            // A Windows computer name has at most 15 characters; it needs to be unique only inside the VM.
            String computerName = "azimg-" + name.substring(name.lastIndexOf("test-"));
            BuildVm vm = cloud.vms().create(new BuildVmRequest(group, r.target.location(), name, computerName,
                    r.config.vmSize(), r.config.osType(), r.target.id().value(), Credentials.ADMIN_USER, credential,
                    r.tags(), r.subnetId, type == SecurityType.STANDARD ? null : type,
                    r.definition.purchasePlan(), java.util.List.of(), false), r.config.timeouts().operation());
            r.runner.cleanups().reportOnFailure("serial console log of " + name, () -> cloud.vms().serialLog(vm, 30)
                    .ifPresent(log -> progress.warn("Last lines of the serial console log of " + name + ":\n  | "
                            + String.join("\n  | ", log.split("\\R")))));
            return vm;
        } catch (CloudException e) {
            if ("OSProvisioningTimedOut".equalsIgnoreCase(e.code())) {
                r.imageFailed = true;
                throw new StepFailedException("Create test VM " + name, "VM " + group + "/" + name, e.code(), "A VM"
                        + " from the image did not finish provisioning: the image was most likely captured from a"
                        + " guest that was not generalized (waagent -deprovision+user or sysprep), so the guest does"
                        + " not provision itself as a new machine. Azure: " + e.getMessage(), "Re-bake the image; if"
                        + " a script shuts the VM down or undoes the deprovision, remove that. The candidate stays"
                        + " excluded from latest.", e);
            }
            throw e;
        }
    }

    private void runTest(Run r, BuildVm vm, ScriptSpec script) {
        TestConfig config = r.config;
        String text;
        try {
            text = script.content();
        } catch (java.io.IOException e) {
            throw new StepFailedException("Run test " + script.name(), script.name(), null, "Cannot read the test: "
                    + e.getMessage(), "Check that the file is readable UTF-8.", e);
        }
        ScriptExecution.Result result = ScriptExecution.run(cloud, progress, vm, "test-" + script.runName(), script,
                text, config.osType(), config.environment(), config.secrets(), r.staging);
        if (!result.accepted()) {
            r.imageFailed = true;
            throw new StepFailedException("Run test " + script.name() + " on " + vm.name(), "VM " + vm.resourceGroup()
                    + "/" + vm.name(), null, "Test " + script.name() + " failed on " + vm.name() + " with exit code "
                    + result.exitCode() + "." + result.errorTail(), "The image does not pass its tests: it stays a"
                    + " candidate, excluded from latest, tagged " + Tags.TEST + "=" + Tags.FAILED + ", and publish"
                    + " refuses it. Fix the image or the test and build again: a bake from changed inputs replaces"
                    + " the failed candidate; from the same inputs it reuses it and tests it again.", null);
        }
    }

    /**
     * Records the verdict on the version, which publish reads: a version whose failure went unrecorded could be
     * published, and a pass unrecorded is no pass, so a failure to tag fails the goal (or, after failed tests, is
     * said loudly).
     */
    private void tag(BakedVersion target, boolean passed) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.TEST, passed ? Tags.PASSED : Tags.FAILED);
        tags.put(Tags.TESTED_AT, Instant.now().toString());
        try {
            cloud.galleries().tagVersion(target.id(), tags, Duration.ofMinutes(10));
            progress.info("Tagged " + target.id().version() + " " + Tags.TEST + "=" + tags.get(Tags.TEST));
        } catch (CloudException e) {
            if (!passed) {
                progress.warn("Could not tag " + target.id() + " " + Tags.TEST + "=" + Tags.FAILED + " (" + e.code()
                        + "): publish cannot tell that it failed its tests. Do not publish it; bake a fixed version.");
                return;
            }
            throw new StepFailedException("Record the test result on " + target.id().path(), target.id().value(),
                    e.code(), "The tests passed, but the version could not be tagged " + Tags.TEST + "="
                    + Tags.PASSED + ": " + e.getMessage(), Fixes.forError(e.code(), e.getMessage())
                    + " Then run test-image again.", e);
        }
    }
}

package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.ConfigException;
import dev.imagebaker.azureimage.config.ProjectInfo;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.ProxySettings;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.SecretResolver;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The configuration every image goal shares. Each parameter can also be set as {@code -Dazure-image.<name>},
 * nested ones too ({@code -Dazure-image.gallery.name}); the command line wins over the pom.
 */
abstract class ImageMojo extends AbstractMojo {

    /** Skips the goal, saying so. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    boolean skip;

    /** The Azure subscription (a GUID), e.g. ${env.AZURE_SUBSCRIPTION_ID}. Optional with the emulator. */
    @Parameter(property = PropertyNames.SUBSCRIPTION_ID)
    String subscriptionId;

    /** The Microsoft Entra tenant (GUID or domain); DefaultAzureCredential's default when absent. */
    @Parameter(property = PropertyNames.TENANT_ID)
    String tenantId;

    /** The region of the build VM and of the gallery, e.g. westeurope. */
    @Parameter(property = PropertyNames.LOCATION)
    String location;

    /** Marketplace URN publisher:offer:sku:version (version may be latest), or a gallery image (version) id. */
    @Parameter(property = PropertyNames.SOURCE)
    String source;

    /** Linux or Windows; implied by a marketplace source. */
    @Parameter(property = PropertyNames.OS_TYPE)
    String osType;

    /** Size of the build VM. */
    @Parameter(property = PropertyNames.VM_SIZE, defaultValue = "Standard_D2s_v5")
    String vmSize;

    /** Where the image version is published: resourceGroup, name, imageDefinition, publisher, offer, sku. */
    @Parameter
    GalleryParameters gallery;

    /** Provisioning scripts, run in name order: *.sh for Linux, *.ps1 for Windows. */
    @Parameter(property = PropertyNames.SCRIPTS_DIRECTORY, defaultValue = "${project.basedir}/src/main/image/scripts")
    File scriptsDirectory;

    /** The image version, when the project version does not map to one (see README, "Versions"). */
    @Parameter(property = PropertyNames.IMAGE_VERSION)
    String imageVersion;

    /** Bounds on the waits: script, deprovision, operation. */
    @Parameter
    TimeoutParameters timeouts;

    /**
     * Regions the version is replicated to when published: name, replicas, storageAccountType. The build region is
     * always one. As a property: -Dazure-image.targetRegions=westeurope,northeurope:2:Standard_ZRS.
     */
    @Parameter
    java.util.List<TargetRegionParameters> targetRegions;

    /**
     * Empty data disks the build VM gets and the image carries (each {@code <dataDisk>} with {@code <lun>} and
     * {@code <sizeGb>}); the scripts format and mount them. As a property: -Dazure-image.dataDisks=0:64,1:128.
     */
    @Parameter(property = PropertyNames.DATA_DISKS)
    java.util.List<DataDiskParameters> dataDisks;

    /** End of life of a published version, an ISO-8601 period after its publication, e.g. P1Y. */
    @Parameter(property = PropertyNames.END_OF_LIFE_AFTER)
    String endOfLifeAfter;

    /** Which old versions publishing deletes: releases, snapshots (counts to keep), minimumAge, dryRun. */
    @Parameter
    RetentionParameters retention;

    /** Project files or directories copied into the image: source, destination, owner, mode. */
    @Parameter
    java.util.List<FileParameters> files;

    /** Values every script gets as parameters (environment variables on Linux). */
    @Parameter
    java.util.Map<String, String> environment;

    /**
     * Cached layers: layer name to its scripts, comma-separated, e.g. {@code <base>10-packages.sh,20-jdk.sh</base>};
     * together the first scripts in run order. A later bake whose inputs up to a layer are unchanged starts from it
     * and skips its scripts. As a property: -Dazure-image.layers.base=10-packages.sh,20-jdk.sh. See README, "Layers".
     */
    @Parameter
    java.util.Map<String, String> layers;

    /** Use and record cached layers (false: run every script, record nothing). */
    @Parameter(property = PropertyNames.LAYER_CACHE, defaultValue = "true")
    boolean layerCache;

    /** A cached layer older than this is baked afresh (ISO-8601 or e.g. 7d), so that its updates are not stale. */
    @Parameter(property = PropertyNames.LAYER_MAX_AGE, defaultValue = "P7D")
    String layerMaxAge;

    /** Tags on everything the plugin creates (groups, network, VMs, storage, gallery resources), e.g. for tag policies. */
    @Parameter
    java.util.Map<String, String> tags;

    /**
     * The build VM's network: subnetId (an existing subnet; nothing network-wise is created) and outbound (nat,
     * none; with subnetId: checked or assumed). See README, "Network".
     */
    @Parameter
    NetworkParameters network;

    /** The Azure cloud: AzureCloud (default), AzureUSGovernment or AzureChinaCloud; or give cloudEndpoints. */
    @Parameter(property = PropertyNames.CLOUD)
    String cloud;

    /** A custom cloud's endpoints: resourceManager, authorityHost, audience (Azure Stack Hub, a sovereign cloud...). */
    @Parameter
    CloudEndpointsParameters cloudEndpoints;

    /**
     * How to sign in: type (auto, azure_cli, managed_identity, service_principal, workload_identity, github_oidc,
     * azure_pipelines), clientId, serverId (a settings.xml server: username = client id, password = secret),
     * certificate, serviceConnectionId. See README, "Signing in".
     */
    @Parameter
    AuthParameters auth;

    /** Standard, TrustedLaunch or ConfidentialVM; default: Trusted Launch when the source image and size support it. */
    @Parameter(property = PropertyNames.SECURITY_TYPE)
    String securityType;

    /** Secrets every script gets as protected parameters: name, and server (settings.xml) or env. */
    @Parameter
    java.util.List<SecretParameters> secrets;

    /** Per-script options (timeout, runAs, exitCodes, restartAfter) and inline scripts. */
    @Parameter
    java.util.List<ScriptParameters> scripts;

    @Parameter(defaultValue = "${settings}", readonly = true)
    org.apache.maven.settings.Settings mavenSettings;

    @org.apache.maven.plugins.annotations.Component
    org.apache.maven.settings.crypto.SettingsDecrypter settingsDecrypter;

    /** Keep the temporary resource group (and its VM) when the bake fails, to inspect it. */
    @Parameter(property = PropertyNames.KEEP_ON_FAILURE, defaultValue = "false")
    boolean keepOnFailure;

    /** How long the temporary group is tagged to live; azure-image:clean deletes it after that. */
    @Parameter(property = PropertyNames.TEMP_GROUP_TTL, defaultValue = "PT6H")
    String tempGroupTtl;

    /**
     * Wait until Azure has deleted the temporary group (true), or leave the deletion running once Azure accepted it
     * (false: faster; azure-image:clean removes the group if Azure's deletion fails).
     */
    @Parameter(property = PropertyNames.WAIT_FOR_DELETION, defaultValue = "true")
    boolean waitForDeletion;

    /** Run against the embedded Azure emulator instead of Azure: offline, nothing is created in Azure. */
    @Parameter(property = PropertyNames.EMULATOR, defaultValue = "false")
    boolean emulator;

    /** The emulator's time scale: 1 = as slow as Azure, 0.01 = a hundred times faster, 0 = instant. */
    @Parameter(property = PropertyNames.EMULATOR_TIME_SCALE, defaultValue = "0.01")
    String emulatorTimeScale;

    /** A JSON file the emulated cloud is loaded from and saved to, to share it between Maven invocations. */
    @Parameter(property = PropertyNames.EMULATOR_STATE)
    String emulatorState;

    /** A JSON file of faults for the emulator to inject (see README, "Faults"). */
    @Parameter(property = PropertyNames.EMULATOR_FAULTS)
    String emulatorFaults;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    /** Logs why the goal is skipped; true when it is. */
    boolean skipped() throws MojoFailureException {
        boolean skipping = flag(PropertyNames.SKIP);
        if (skipping) {
            getLog().info("Skipping azure-image:" + goal() + ": skip is true (<skip> or -D" + PropertyNames.SKIP + ").");
        }
        return skipping;
    }

    /** An on/off setting, strictly true or false (Maven itself reads any other text as false). */
    boolean flag(String property) throws MojoFailureException {
        try {
            return BakeConfigReader.flag(rawConfiguration(), property);
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** The manifest a goal acts on: -D first (relative to the project), else the pom's or the default. */
    File manifestFile(File configured) {
        return rawConfiguration().property(PropertyNames.MANIFEST).map(String::trim).filter(p -> !p.isEmpty())
                .map(p -> baseDir().resolve(p).toFile()).orElse(configured);
    }

    abstract String goal();

    Path outputDirectory() {
        return buildDirectory().resolve("azure-image");
    }

    /** The project's folder; for goals run without a pom (clean), the folder Maven was started in. */
    private Path baseDir() {
        return project.getBasedir() != null ? project.getBasedir().toPath()
                : Path.of(session.getExecutionRootDirectory());
    }

    private Path buildDirectory() {
        return project.getBasedir() != null ? Path.of(project.getBuild().getDirectory()) : baseDir().resolve("target");
    }

    /** The pom's values (typed) and the -D properties, for config to look up property first. */
    MojoConfiguration rawConfiguration() {
        return new MojoConfiguration(this, mojoExecution == null ? null : mojoExecution.getMojoDescriptor(),
                session.getUserProperties(), new MojoConfiguration.Pom(
                        files == null ? List.of() : files.stream().map(FileParameters::entry).toList(),
                        targetRegions == null ? List.of() : targetRegions.stream().map(TargetRegionParameters::entry)
                                .toList(),
                        environment == null ? Map.of() : environment, tags == null ? Map.of() : tags,
                        secrets == null ? List.of() : secrets.stream().map(SecretParameters::entry).toList(),
                        scripts == null ? List.of() : scripts.stream().map(ScriptParameters::entry).toList(),
                        dataDisks == null ? List.of() : dataDisks.stream().map(DataDiskParameters::entry).toList(),
                        layers == null ? Map.of() : layers));
    }

    /**
     * Maven's active proxy for https (else http), its password decrypted; null when settings.xml has none, and
     * HTTPS_PROXY / NO_PROXY apply.
     */
    ProxySettings proxy() throws MojoFailureException {
        Proxy chosen = null;
        for (Proxy p : mavenSettings == null ? List.<Proxy>of() : mavenSettings.getProxies()) {
            if (p.isActive() && (chosen == null || "https".equalsIgnoreCase(p.getProtocol()))) {
                chosen = p;
            }
        }
        if (chosen == null) {
            return null;
        }
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(chosen));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("The password of the settings.xml proxy '" + chosen.getId() + "' cannot"
                        + " be decrypted: " + problem.getMessage() + ". Fix: check settings-security.xml and re-encrypt"
                        + " it with mvn --encrypt-password.");
            }
        }
        Proxy proxy = decrypted.getProxy() == null ? chosen : decrypted.getProxy();
        return new ProxySettings(proxy.getHost(), proxy.getPort(), proxy.getUsername(),
                proxy.getPassword() == null ? null : new dev.imagebaker.azureimage.config.Secret(proxy.getPassword()),
                proxy.getNonProxyHosts());
    }

    SecretResolver secretResolver() {
        return new MavenSecrets(mavenSettings, settingsDecrypter, System::getenv);
    }

    ProjectInfo projectInfo() {
        Path baseDir = baseDir();
        return new ProjectInfo(project.getGroupId(), project.getArtifactId(), project.getVersion(), baseDir,
                buildDirectory(), GitRevision.of(baseDir));
    }

    BakeConfig readConfig() throws MojoFailureException {
        try {
            // When test-image is bound, its settings are checked now (validate, bake), not after a whole bake.
            boolean tested = goalBound("test-image");
            BakeConfig config = BakeConfigReader.read(rawConfiguration(), projectInfo(), new ReadOptions(
                    goalBound("publish") || tested, secretResolver(), "validate".equals(goal()), tested));
            config.warnings().forEach(getLog()::warn);
            return config;
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /**
     * Whether this project's build binds a goal of this plugin, e.g. publish in the deploy phase. The plugin's
     * coordinates and the goal come from the plugin descriptor.
     */
    boolean goalBound(String goal) {
        if (mojoExecution == null) {
            return false;
        }
        PluginDescriptor plugin = mojoExecution.getMojoDescriptor().getPluginDescriptor();
        if (plugin.getMojo(goal) == null) {
            throw new IllegalArgumentException("azure-image has no goal " + goal);
        }
        return project.getBuildPlugins().stream()
                .filter(p -> plugin.getGroupId().equals(p.getGroupId()) && plugin.getArtifactId().equals(p.getArtifactId()))
                .flatMap(p -> p.getExecutions().stream()).anyMatch(e -> e.getGoals().contains(goal));
    }
}

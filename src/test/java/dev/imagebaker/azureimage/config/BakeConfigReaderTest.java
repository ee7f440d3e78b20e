package dev.imagebaker.azureimage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every offline rule and its message: what, where (pom path and -D property), and the fix. */
class BakeConfigReaderTest {
    @TempDir
    Path dir;
    Map<String, String> values;

    @BeforeEach
    void validProject() throws IOException {
        Files.createDirectories(dir.resolve("src/main/image/scripts"));
        Files.writeString(dir.resolve("src/main/image/scripts/20-app.sh"), "echo app\n");
        Files.writeString(dir.resolve("src/main/image/scripts/10-packages.sh"), "echo packages\n");
        values = ConfigFixtures.validValues();
        values.put(PropertyNames.SUBSCRIPTION_ID, "8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b");
    }

    private BakeConfig read() {
        return read("1.4.2");
    }

    private BakeConfig read(String version) {
        return BakeConfigReader.read(values, new ProjectInfo("g", "orders-service", version, dir, dir.resolve("target"),
                null));
    }

    private void assertProblem(String property, String... fragments) {
        ConfigFixtures.assertProblem(this::read, property, fragments);
    }

    @Test
    void dataDisksAreReadFromTheProperty() {
        values.put(PropertyNames.DATA_DISKS, "0:64, 1:128");
        assertThat(read().dataDisks()).containsExactly(new DataDisk(0, 64), new DataDisk(1, 128));
        values.remove(PropertyNames.DATA_DISKS);
        assertThat(read().dataDisks()).isEmpty();
    }

    @Test
    void everyBadDataDiskIsReportedAtOnce() {
        // LUNs 0 to 63 (ComputeRP DataDisk); a Standard SSD holds at most 32,767 GiB.
        values.put(PropertyNames.DATA_DISKS, "x:64,1:0,2:40000,3:8,3:16,5");
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class)
                .hasMessageContaining("The data disk LUN 'x' is not a number from 0 to 63.")
                .hasMessageContaining("The size '0' of the data disk at LUN 1 is not a number of GiB from 1 to 32767.")
                .hasMessageContaining("The size '40000' of the data disk at LUN 2")
                .hasMessageContaining("LUN 3 is given to two data disks.")
                .hasMessageContaining("The data disk '5' is not lun:sizeGb.")
                .hasMessageContaining("<dataDisk><lun>0</lun><sizeGb>64</sizeGb></dataDisk>");
    }

    @Test
    void readsAValidConfigurationWithDefaults() {
        BakeConfig config = read();
        assertThat(config.location()).isEqualTo("westeurope");
        assertThat(config.osType()).isEqualTo(OsType.LINUX);
        assertThat(config.vmSize()).isEqualTo("Standard_D2s_v5");
        assertThat(config.imageVersion().fixed()).hasToString("1.4.2");
        assertThat(config.kind()).isEqualTo(VersionKind.RELEASE);
        assertThat(config.definition()).isEqualTo("orders-service");
        assertThat(config.gallery().snapshotImageDefinition()).isEqualTo("orders-service-snapshot");
        assertThat(config.publishing().targetRegions()).containsExactly(new TargetRegion("westeurope", 1,
                "Standard_LRS"));
        assertThat(config.publishing().endOfLifeAfter()).isNull();
        assertThat(config.publishing().retention()).isNull();
        assertThat(config.publishing().publishLater()).isFalse();
        assertThat(config.scripts()).extracting(ScriptSpec::name).containsExactly("10-packages.sh", "20-app.sh");
        assertThat(config.scripts().get(0).exitCodes()).containsExactly(0);
        assertThat(config.files()).isEmpty();
        assertThat(config.environment()).isEmpty();
        assertThat(config.timeouts().script()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.timeouts().deprovision()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.emulator().enabled()).isFalse();
        assertThat(config.source()).isInstanceOf(SourceImage.Marketplace.class);
    }

    @Test
    void acceptsRegionDisplayNames() {
        values.put(PropertyNames.LOCATION, "West Europe");
        assertThat(read().location()).isEqualTo("westeurope");
    }

    @Test
    void subscriptionIsRequiredOutsideTheEmulatorAndIsAGuid() {
        values.remove(PropertyNames.SUBSCRIPTION_ID);
        assertProblem(PropertyNames.SUBSCRIPTION_ID, "not set", "-Dazure-image.emulator");
        values.put(PropertyNames.EMULATOR, "true");
        assertThat(read().subscriptionId()).isEqualTo("00000000-0000-0000-0000-000000000001");
        values.put(PropertyNames.SUBSCRIPTION_ID, "my-subscription");
        assertProblem(PropertyNames.SUBSCRIPTION_ID, "'my-subscription' is not valid");
    }

    @Test
    void tenantIsAGuidOrADomain() {
        values.put(PropertyNames.TENANT_ID, "contoso.onmicrosoft.com");
        assertThat(read().tenantId()).isEqualTo("contoso.onmicrosoft.com");
        values.put(PropertyNames.TENANT_ID, "not a tenant");
        assertProblem(PropertyNames.TENANT_ID, "is not valid");
    }

    /** Maven ignores a property nobody reads: a misspelt one would silently do nothing. */
    @Test
    void aMisspeltPropertyIsAWarningWithADidYouMean() {
        values.put("azure-image.locaton", "northeurope");
        values.put("azure-image.somethingElseEntirely", "x");
        assertThat(read().warnings()).containsExactlyInAnyOrder(
                "-Dazure-image.locaton is not a setting of azure-image and is ignored; did you mean"
                        + " -Dazure-image.location?",
                "-Dazure-image.somethingElseEntirely is not a setting of azure-image and is ignored.");
    }

    @Test
    void anEmptyScriptIsAWarningNamingIt() throws IOException {
        Files.writeString(dir.resolve("src/main/image/scripts/30-todo.sh"), "#!/bin/bash\n# TODO\n");
        values.put(PropertyNames.SCRIPTS_PREFIX + "05-inline.sh.inline", "  \n");
        assertThat(read().warnings()).satisfiesExactlyInAnyOrder(
                w -> assertThat(w).contains("<scriptsDirectory> (-Dazure-image.scriptsDirectory)")
                        .contains("30-todo.sh has no commands (only blank lines and comments)"),
                w -> assertThat(w).contains("05-inline.sh has no commands"));
        assertThat(read().scripts()).hasSize(4);
    }

    /** Regions are added faster than plugins are released: offline an unknown one is a warning, not an error. */
    @Test
    void anUnknownRegionIsAWarningWithADidYouMean() {
        values.put(PropertyNames.LOCATION, "westeurop");
        assertThat(read().warnings()).singleElement().asString().contains("<location> (-Dazure-image.location)")
                .contains("'westeurop' is not a region of AzureCloud this plugin knows; did you mean 'westeurope'?")
                .contains("az account list-locations");
        values.put(PropertyNames.LOCATION, "Qatar Central");
        assertThat(read().location()).isEqualTo("qatarcentral");
        assertThat(read().warnings()).isEmpty();
        // Regions are checked per cloud.
        values.put(PropertyNames.LOCATION, "usgovvirginia");
        assertThat(read().warnings()).singleElement().asString().contains("is not a region of AzureCloud");
        values.put(PropertyNames.CLOUD, "azureusgovernment");
        assertThat(read().warnings()).isEmpty();
        assertThat(read().access().cloud()).isEqualTo(CloudSettings.US_GOVERNMENT);
        values.remove(PropertyNames.LOCATION);
        assertProblem(PropertyNames.LOCATION, "is not set", "<location>");
    }

    /** With test-image bound, its settings fail the bake before anything is created, not after a whole bake. */
    @Test
    void testImageSettingsAreCheckedWithTheBakeWhenTestImageIsBound() throws IOException {
        values.put(PropertyNames.TEST_COUNT, "12");
        values.put(PropertyNames.TEST_TIMEOUT, "soon");
        ReadOptions tested = new ReadOptions(true, ReadOptions.defaults().secrets(), false, true);
        ProjectInfo info = new ProjectInfo("g", "orders-service", "1.4.2", dir, dir.resolve("target"), null);
        assertThatThrownBy(() -> BakeConfigReader.read(values, info, tested)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<test/count> (-Dazure-image.test.count): '12' is not a number of test VMs")
                .hasMessageContaining("The scripts folder src/test/image does not exist");
        Files.createDirectories(dir.resolve("src/test/image"));
        Files.writeString(dir.resolve("src/test/image/10-java.sh"), "java -version\n");
        assertThatThrownBy(() -> BakeConfigReader.read(values, info, tested))
                .hasMessageContaining("<test/timeout> (-Dazure-image.test.timeout)");
        values.remove(PropertyNames.TEST_COUNT);
        values.remove(PropertyNames.TEST_TIMEOUT);
        assertThat(BakeConfigReader.read(values, info, tested).scripts()).hasSize(2);
        assertThat(read().scripts()).as("not checked when test-image is not bound").hasSize(2);
    }

    @Test
    void cloudsAndSignInMethodsAreCheckedOffline() {
        values.put(PropertyNames.CLOUD, "AzureGermanCloud");
        assertProblem(PropertyNames.CLOUD, "'AzureGermanCloud' is not a cloud the plugin knows", "<cloudEndpoints>");
        values.remove(PropertyNames.CLOUD);
        values.put(PropertyNames.CLOUD_RESOURCE_MANAGER, "https://management.local.azurestack.external");
        assertProblem(PropertyNames.CLOUD_AUTHORITY_HOST, "A custom cloud needs this endpoint");
        values.put(PropertyNames.CLOUD_AUTHORITY_HOST, "https://adfs.local.azurestack.external/");
        values.put(PropertyNames.LOCATION, "local");
        BakeConfig stack = read();
        assertThat(stack.access().cloud().custom()).isTrue();
        assertThat(stack.warnings()).as("a custom cloud's regions are not known offline").isEmpty();
        values.put(PropertyNames.AUTH_TYPE, "github-oidc");
        assertProblem(PropertyNames.AUTH_CLIENT_ID, "needs the client (application) id");
        values.put(PropertyNames.AUTH_CLIENT_ID, "8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b");
        assertProblem(PropertyNames.TENANT_ID, "needs the tenant");
        values.put(PropertyNames.TENANT_ID, "contoso.onmicrosoft.com");
        assertThat(read().access().auth().type()).isEqualTo(AuthSettings.Type.GITHUB_OIDC);
        values.put(PropertyNames.AUTH_TYPE, "password");
        assertProblem(PropertyNames.AUTH_TYPE, "'password' is not a sign-in method", "github_oidc");
        values.put(PropertyNames.AUTH_TYPE, "azure_pipelines");
        assertProblem(PropertyNames.AUTH_SERVICE_CONNECTION_ID, "needs the service connection's id");
    }

    /** A settings.xml server: username = client id, password = client secret, as Maven keeps deploy credentials. */
    @Test
    void aServicePrincipalFromASettingsServer() {
        values.put(PropertyNames.AUTH_TYPE, "service_principal");
        values.put(PropertyNames.AUTH_SERVER_ID, "azure-ci");
        values.put(PropertyNames.TENANT_ID, "contoso.onmicrosoft.com");
        SecretResolver servers = new SecretResolver() {
            @Override
            public Resolution resolve(RawConfiguration.SecretEntry entry) {
                return "azure-ci".equals(entry.server()) ? Resolution.of(new Secret("sp-secret"))
                        : Resolution.missing("no server " + entry.server(), "add it");
            }

            @Override
            public String serverUsername(String serverId) {
                return "azure-ci".equals(serverId) ? "8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b" : null;
            }
        };
        BakeConfig config = BakeConfigReader.read(values, new ProjectInfo("g", "orders-service", "1.4.2", dir,
                dir.resolve("target"), null), new ReadOptions(false, servers, false));
        assertThat(config.access().auth().clientId()).isEqualTo("8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b");
        assertThat(config.access().auth().secret().reveal()).isEqualTo("sp-secret");
        assertThat(config.access().auth().toString()).doesNotContain("sp-secret");
        values.put(PropertyNames.AUTH_SERVER_ID, "missing");
        assertThatThrownBy(() -> BakeConfigReader.read(values, new ProjectInfo("g", "orders-service", "1.4.2", dir,
                dir.resolve("target"), null), new ReadOptions(false, servers, false)))
                .hasMessageContaining("<auth/serverId> (-Dazure-image.auth.serverId): no server missing");
    }

    @Test
    void networkSecurityTypeAndTagsAreCheckedOffline() {
        assertThat(read().placement().network()).isEqualTo(NetworkSettings.own());
        assertThat(read().placement().securityType()).isNull();
        String subnet = "/subscriptions/8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b/resourceGroups/net-rg/providers/"
                + "Microsoft.Network/virtualNetworks/corp/subnets/build";
        values.put(PropertyNames.NETWORK_SUBNET_ID, subnet);
        assertThat(read().placement().network()).isEqualTo(new NetworkSettings(subnet,
                NetworkSettings.Outbound.CHECKED));
        values.put(PropertyNames.NETWORK_OUTBOUND, "nat");
        assertProblem(PropertyNames.NETWORK_OUTBOUND, "existing subnet, where the plugin creates nothing");
        values.put(PropertyNames.NETWORK_SUBNET_ID, "corp/build");
        assertProblem(PropertyNames.NETWORK_SUBNET_ID, "is not the id of a subnet", "az network vnet subnet show");
        values.remove(PropertyNames.NETWORK_SUBNET_ID);
        values.put(PropertyNames.NETWORK_OUTBOUND, "assumed");
        assertProblem(PropertyNames.NETWORK_OUTBOUND, "<network><subnetId> is not set");
        values.put(PropertyNames.NETWORK_OUTBOUND, "None");
        assertThat(read().placement().network().outbound()).isEqualTo(NetworkSettings.Outbound.NONE);
        values.put(PropertyNames.SECURITY_TYPE, "trustedlaunch");
        assertThat(read().placement().securityType()).isEqualTo(SecurityType.TRUSTED_LAUNCH);
        values.put(PropertyNames.SECURITY_TYPE, "secure");
        assertProblem(PropertyNames.SECURITY_TYPE, "'secure' is not a security type", "TrustedLaunch");
        values.remove(PropertyNames.SECURITY_TYPE);
        values.put(PropertyNames.TAGS_PREFIX + "cost-center", "4711");
        assertThat(read().placement().tagsWith(Map.of("azure-image.build-id", "b"))).containsEntry("cost-center",
                "4711").containsEntry("azure-image.build-id", "b");
        values.put(PropertyNames.TAGS_PREFIX + "a/b", "x");
        assertProblem(PropertyNames.TAGS_PREFIX + "a/b", "is not a tag name Azure accepts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Canonical:ubuntu-24_04-lts:server", "Canonical:ubuntu:server:latest:extra",
        "ubuntu", "Canonical:ubuntu-24_04-lts:server:newest", "Canonical::server:latest"})
    void theSourceIsAUrnOrAGalleryId(String source) {
        values.put(PropertyNames.SOURCE, source);
        assertProblem(PropertyNames.SOURCE, "publisher:offer:sku:version");
    }

    @Test
    void aGallerySourceIsParsed() {
        values.put(PropertyNames.SOURCE, "/subscriptions/8f3c2a10-5b6d-4e7f-9a8b-1c2d3e4f5a6b/resourceGroups/base-rg"
                + "/providers/Microsoft.Compute/galleries/base/images/ubuntu/versions/1.0.3");
        SourceImage.Gallery g = (SourceImage.Gallery) read().source();
        assertThat(g.gallery()).isEqualTo("base");
        assertThat(g.definition()).isEqualTo("ubuntu");
        assertThat(g.version()).isEqualTo("1.0.3");
    }

    @Test
    void galleryNamesHaveNoHyphen() {
        values.put(PropertyNames.GALLERY_NAME, "corp-images");
        assertProblem(PropertyNames.GALLERY_NAME, "'corp-images' contains a hyphen", "Use 'corp_images'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"_corp", "corp.", "corp images", "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"})
    void galleryNamesFollowAzureRules(String name) {
        values.put(PropertyNames.GALLERY_NAME, name);
        assertProblem(PropertyNames.GALLERY_NAME, "is not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-orders", "orders-", "orders service", "ooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo"})
    void definitionNamesFollowAzureRules(String name) {
        values.put(PropertyNames.GALLERY_IMAGE_DEFINITION, name);
        assertProblem(PropertyNames.GALLERY_IMAGE_DEFINITION, "is not valid");
    }

    @ParameterizedTest
    @CsvSource({"azure-image.gallery.publisher,con toso", "azure-image.gallery.offer,-orders",
        "azure-image.gallery.sku,ubuntu 24"})
    void identifierPartsFollowAzureRules(String property, String value) {
        values.put(property, value);
        assertProblem(property, "is not valid");
    }

    @Test
    void identifierPartsAreRequiredAndBounded() {
        values.remove(PropertyNames.GALLERY_SKU);
        assertProblem(PropertyNames.GALLERY_SKU, "is not set", "<gallery><sku>");
        values.put(PropertyNames.GALLERY_SKU, "s".repeat(56));
        assertProblem(PropertyNames.GALLERY_SKU, "longer than 55");
    }

    @Test
    void resourceGroupNamesFollowAzureRules() {
        values.put(PropertyNames.GALLERY_RESOURCE_GROUP, "images rg.");
        assertProblem(PropertyNames.GALLERY_RESOURCE_GROUP, "is not valid");
    }

    @Test
    void vmSizesLookLikeAzureSizes() {
        values.put(PropertyNames.VM_SIZE, "D2s_v5");
        assertProblem(PropertyNames.VM_SIZE, "'D2s_v5' is not valid", "Standard_D2s_v5");
    }

    @Test
    void theScriptsFolderMustExistAndHoldScripts() throws IOException {
        values.put(PropertyNames.SCRIPTS_DIRECTORY, "provisioning");
        assertProblem(PropertyNames.SCRIPTS_DIRECTORY, "provisioning does not exist", "10-packages.sh");
        Files.createDirectories(dir.resolve("provisioning"));
        Files.writeString(dir.resolve("provisioning/README.md"), "notes");
        assertProblem(PropertyNames.SCRIPTS_DIRECTORY, "has no .sh script, and the pom has no inline script");
    }

    @Test
    void scriptsThatCannotRunOnTheOsAreRefused() throws IOException {
        Files.writeString(dir.resolve("src/main/image/scripts/30-iis.ps1"), "Install-WindowsFeature Web-Server\n");
        assertProblem(PropertyNames.SCRIPTS_DIRECTORY, "[30-iis.ps1]", "cannot run on a Linux image");
    }

    @Test
    void osTypeMustFitTheSource() {
        values.put(PropertyNames.OS_TYPE, "Windows");
        assertProblem(PropertyNames.OS_TYPE, "contradicts the source");
        values.put(PropertyNames.OS_TYPE, "BeOS");
        assertProblem(PropertyNames.OS_TYPE, "'BeOS' is not an OS type");
    }

    @Test
    void windowsSourcesImplyWindows() throws IOException {
        values.put(PropertyNames.SOURCE, "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest");
        Files.delete(dir.resolve("src/main/image/scripts/10-packages.sh"));
        Files.delete(dir.resolve("src/main/image/scripts/20-app.sh"));
        Files.writeString(dir.resolve("src/main/image/scripts/10-iis.ps1"), "Install-WindowsFeature Web-Server\n");
        assertThat(read().osType()).isEqualTo(OsType.WINDOWS);
    }

    @ParameterizedTest
    @CsvSource({"azure-image.timeouts.script,soon", "azure-image.timeouts.deprovision,0s",
        "azure-image.timeouts.operation,PT-5M", "azure-image.tempGroupTtl,forever"})
    void durationsArePositive(String property, String value) {
        values.put(property, value);
        assertProblem(property, value);
    }

    @Test
    void durationsReadIsoAndShortForms() {
        values.put(PropertyNames.TIMEOUT_SCRIPT, "90s");
        values.put(PropertyNames.TIMEOUT_DEPROVISION, "PT20M");
        values.put(PropertyNames.TIMEOUT_OPERATION, "2h");
        Timeouts t = read().timeouts();
        assertThat(t.script()).isEqualTo(Duration.ofSeconds(90));
        assertThat(t.deprovision()).isEqualTo(Duration.ofMinutes(20));
        assertThat(t.operation()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void booleansAreTrueOrFalse() {
        values.put(PropertyNames.KEEP_ON_FAILURE, "yes");
        assertProblem(PropertyNames.KEEP_ON_FAILURE, "'yes' is neither true nor false");
    }

    @Test
    void emulatorSettingsAreChecked() {
        values.put(PropertyNames.EMULATOR, "true");
        values.put(PropertyNames.EMULATOR_TIME_SCALE, "-1");
        assertProblem(PropertyNames.EMULATOR_TIME_SCALE, "is negative");
        values.put(PropertyNames.EMULATOR_TIME_SCALE, "fast");
        assertProblem(PropertyNames.EMULATOR_TIME_SCALE, "'fast' is not a number");
        values.put(PropertyNames.EMULATOR_TIME_SCALE, "0");
        values.put(PropertyNames.EMULATOR_FAULTS, "faults.json");
        assertProblem(PropertyNames.EMULATOR_FAULTS, "faults.json does not exist");
    }

    @Test
    void anUnmappableVersionIsAProblemLikeTheOthers() {
        assertThatThrownBy(() -> read("1.0.0.1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("The project version '1.0.0.1'");
        assertThat(read("1.0.0-SNAPSHOT").definition()).isEqualTo("orders-service-snapshot");
    }

    @Test
    void targetRegionsAreParsedAndIncludeTheBuildRegion() {
        values.put(PropertyNames.TARGET_REGIONS, "northeurope:2:Standard_ZRS, eastus2");
        assertThat(read().publishing().targetRegions()).containsExactly(
                new TargetRegion("westeurope", 1, "Standard_LRS"), new TargetRegion("northeurope", 2, "Standard_ZRS"),
                new TargetRegion("eastus2", 1, "Standard_LRS"));
        values.put(PropertyNames.TARGET_REGIONS, "West Europe:3:premium_lrs");
        assertThat(read().publishing().targetRegions()).containsExactly(
                new TargetRegion("westeurope", 3, "Premium_LRS"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"northeurope:0|from 1 to 100",
        "northeurope:2:Standard_GRS|not one of", "northeurope,northeurope|listed twice", "a:1:Standard_LRS:x|is not name"})
    void badTargetRegionsAreNamed(String regions, String message) {
        values.put(PropertyNames.TARGET_REGIONS, regions);
        assertProblem(PropertyNames.TARGET_REGIONS, message, "name[:replicas[:storageAccountType]]");
    }

    @Test
    void everyBadTargetRegionIsReportedAndAnUnknownOneWarned() {
        values.put(PropertyNames.TARGET_REGIONS, "northeurope:0,eastus:1:Standard_GRS,northeurop");
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(
                ((ConfigException) e).problems()).extracting(Problem::message).anyMatch(m -> m.contains("from 1 to 100"))
                .anyMatch(m -> m.contains("Standard_GRS")));
        values.put(PropertyNames.TARGET_REGIONS, "northeurop");
        assertThat(read().warnings()).singleElement().asString().contains("did you mean 'northeurope'");
    }

    @Test
    void endOfLifeIsAnIsoPeriod() {
        values.put(PropertyNames.END_OF_LIFE_AFTER, "P1Y6M");
        assertThat(read().publishing().endOfLifeAfter()).isEqualTo(java.time.Period.of(1, 6, 0));
        values.put(PropertyNames.END_OF_LIFE_AFTER, "one year");
        assertProblem(PropertyNames.END_OF_LIFE_AFTER, "not an ISO-8601 period", "P1Y");
        values.put(PropertyNames.END_OF_LIFE_AFTER, "P0D");
        assertProblem(PropertyNames.END_OF_LIFE_AFTER, "not a positive period");
    }

    @Test
    void retentionCountsAreAtLeastOne() {
        values.put(PropertyNames.RETENTION_RELEASES, "3");
        Retention retention = read().publishing().retention();
        assertThat(retention.releases()).isEqualTo(3);
        assertThat(retention.snapshots()).isEqualTo(Integer.MAX_VALUE);
        assertThat(retention.minimumAge()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.dryRun()).isFalse();
        values.put(PropertyNames.RETENTION_SNAPSHOTS, "0");
        assertProblem(PropertyNames.RETENTION_SNAPSHOTS, "'0' is not a count");
        values.put(PropertyNames.RETENTION_SNAPSHOTS, "2");
        values.put(PropertyNames.RETENTION_MINIMUM_AGE, "-P1D");
        assertProblem(PropertyNames.RETENTION_MINIMUM_AGE, "not a duration of 0 or more");
    }

    @Test
    void theSnapshotDefinitionIsNotTheReleaseDefinition() {
        values.put(PropertyNames.GALLERY_SNAPSHOT_DEFINITION, "orders-service");
        assertProblem(PropertyNames.GALLERY_SNAPSHOT_DEFINITION, "snapshots would mix with releases");
    }

    @Test
    void theEmulatedCloudLivesInTargetByDefault() {
        values.put(PropertyNames.EMULATOR, "true");
        assertThat(read().emulator().stateFile()).isEqualTo(dir.resolve("target/azure-image/emulator-state.json"));
    }

    @Test
    void publishNeedsNoSourceScriptsOrProjectVersion() {
        values.remove(PropertyNames.SOURCE);
        values.put(PropertyNames.TARGET_REGIONS, "northeurope");
        PublishConfig config = BakeConfigReader.readPublish(values, new ProjectInfo("g", "a", "not-a-version", dir,
                dir.resolve("target"), null), "westeurope");
        assertThat(config.publishing().targetRegions()).extracting(TargetRegion::name)
                .containsExactly("westeurope", "northeurope");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        values.put(PropertyNames.VM_SIZE, "D2s_v5");
        values.put(PropertyNames.GALLERY_NAME, "corp-images");
        values.remove(PropertyNames.GALLERY_OFFER);
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3))
                .hasMessageStartingWith("Invalid azure-image configuration (3 problems):");
    }
}

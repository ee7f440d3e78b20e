package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.json.JsonSerializable;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.GalleryImageInner;
import com.azure.resourcemanager.compute.fluent.models.GalleryImageVersionInner;
import com.azure.resourcemanager.compute.fluent.models.GalleryInner;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.network.fluent.models.NatGatewayInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every answer the plugin reads (GET of each type a bake uses) deserializes into the SDK's inner model and comes
 * back without losing a key the SDK does not know: the emulator sends nothing outside the spec the SDK (compute
 * 2.55.1, network, storage, resources) is generated from. Keys the SDK reads but never writes are the spec's
 * readOnly ones; they are counted, not listed. The few keys Azure sends although its spec omits them are listed
 * per resource with their source, and the list must be exact: a stale entry fails as well.
 */
class SdkRoundTripTest {
    /**
     * The live VirtualMachineImages_Get answer (the REST example in azure-compute-docs trusted-launch-faq.md, the
     * same shape az vm image show prints) has replicaType, replicaCount and osDiskImage.sizeInBytes/sizeInGb;
     * ComputeRP 2025-04-01 virtualMachineImage.json (VirtualMachineImageProperties, OSDiskImage) defines none.
     */
    private static final Map<String, String> MARKETPLACE_EXTRAS = Map.of(
            "properties.replicaType", "live answer, not in virtualMachineImage.json",
            "properties.replicaCount", "live answer, not in virtualMachineImage.json",
            "properties.osDiskImage.sizeInBytes", "live answer, not in OSDiskImage",
            "properties.osDiskImage.sizeInGb", "live answer, not in OSDiskImage");
    private ArmEmulator emulator;
    private ContractRunner http;
    private Scenario scenario;
    private final List<String> report = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        emulator = ArmEmulator.builder().https(false).timeScale(0).start();
        http = new ContractRunner(emulator);
        scenario = new Scenario(http);
        scenario.build();
        scenario.layer();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void everyAnswerSurvivesTheSdkModel() throws Exception {
        check("resource group", scenario.rg, ResourceGroupInner::fromJson);
        check("virtual network", scenario.vnet, VirtualNetworkInner::fromJson);
        check("subnet", scenario.subnet, SubnetInner::fromJson);
        check("network security group", scenario.nsg, NetworkSecurityGroupInner::fromJson);
        check("public IP address", scenario.pip, PublicIpAddressInner::fromJson);
        check("NAT gateway", scenario.nat, NatGatewayInner::fromJson);
        check("network interface", scenario.nic, NetworkInterfaceInner::fromJson);
        check("storage account", scenario.account, StorageAccountInner::fromJson);
        check("virtual machine", scenario.vm + "&$expand=instanceView", VirtualMachineInner::fromJson);
        check("instance view", Scenario.path(scenario.vm) + "/instanceView" + Scenario.C,
                VirtualMachineInstanceViewInner::fromJson);
        JsonNode vm = http.send("GET", scenario.vm, null, 200);
        check("OS disk", vm.at("/properties/storageProfile/osDisk/managedDisk/id").asText()
                + "?api-version=2025-01-02", DiskInner::fromJson);
        check("data disk", vm.at("/properties/storageProfile/dataDisks/1/managedDisk/id").asText()
                + "?api-version=2025-01-02", DiskInner::fromJson);
        check("run command", scenario.run + "&$expand=instanceView", VirtualMachineRunCommandInner::fromJson);
        check("managed image", scenario.image, ImageInner::fromJson);
        check("gallery", scenario.gallery, GalleryInner::fromJson);
        check("image definition", scenario.definition, GalleryImageInner::fromJson);
        check("image version", scenario.version + "&$expand=ReplicationStatus", GalleryImageVersionInner::fromJson);
        check("image version from a version", scenario.copy, GalleryImageVersionInner::fromJson);
        check("snapshot", scenario.snapshot, SnapshotInner::fromJson);
        check("image version from a snapshot", scenario.fromSnapshot, GalleryImageVersionInner::fromJson);
        check("marketplace image version", scenario.marketplace, VirtualMachineImageInner::fromJson,
                MARKETPLACE_EXTRAS);
        report.forEach(System.out::println);
        assertThat(failures).as("answers that lose keys the SDK does not know").isEmpty();
        assertThat(report).hasSize(21);
    }

    /** The check itself: a key outside the spec is caught, a read-only one is not mistaken for one. */
    @Test
    void aKeyOutsideTheSpecIsCaught() throws Exception {
        ObjectNode answer = (ObjectNode) http.send("GET", scenario.vm, null, 200);
        ((ObjectNode) answer.at("/properties/storageProfile/osDisk")).put("sizeInGB", 30);
        ((ObjectNode) answer.get("properties")).putObject("guestState").put("ready", true);
        SdkRoundTrip.Lost lost = SdkRoundTrip.lost(answer, VirtualMachineInner::fromJson);
        assertThat(lost.unknown()).containsExactly("properties.guestState", "properties.guestState.ready",
                "properties.storageProfile.osDisk.sizeInGB");
        assertThat(lost.readOnly()).contains("properties.vmId", "properties.provisioningState",
                "properties.timeCreated");
    }

    private <T extends JsonSerializable<T>> void check(String type, String path, SdkRoundTrip.Reader<T> fromJson)
            throws Exception {
        check(type, path, fromJson, Map.of());
    }

    private <T extends JsonSerializable<T>> void check(String type, String path, SdkRoundTrip.Reader<T> fromJson,
                                                      Map<String, String> notInSpec) throws Exception {
        JsonNode answer = http.send("GET", path, null, 200);
        SdkRoundTrip.Lost lost = SdkRoundTrip.lost(answer, fromJson);
        report.add("SDK round trip, " + type + ": " + KeyShapes.paths(answer).size() + " keys, "
                + lost.readOnly().size() + " held but not written back, " + (lost.unknown().isEmpty() ? "none unknown"
                : "unknown " + lost.unknown()));
        if (!lost.unknown().equals(new ArrayList<>(new TreeSet<>(notInSpec.keySet())))) {
            failures.add(type + ": unknown to the SDK " + lost.unknown() + ", expected " + notInSpec.keySet());
        }
    }
}

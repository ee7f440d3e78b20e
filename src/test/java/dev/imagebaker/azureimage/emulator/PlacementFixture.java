package dev.imagebaker.azureimage.emulator;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.SubResource;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.GalleryImageVersionInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.GalleryArtifactVersionFullSource;
import com.azure.resourcemanager.compute.models.GalleryImageVersionStorageProfile;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandScriptSource;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Helpers for tests that send exact requests: the SDK's inner clients for VMs and networks (what the plugin sends
 * through the SDK), and raw ARM calls for APIs the SDK does not wrap. Everything lives in resource group "rg" in
 * westeurope.
 */
abstract class PlacementFixture extends EmulatorFixture {
    static final String RG = "rg";
    static final String REGION = "westeurope";

    /** A raw ARM answer: status and JSON body (null when empty). */
    record Raw(int status, JsonNode body) {
        String code() {
            return body == null ? null : body.path("error").path("code").asText(null);
        }
    }

    void group() {
        if (!azure.resourceManager().resourceGroups().contain(RG)) {
            azure.resourceManager().resourceGroups().define(RG).withRegion(REGION).create();
        }
    }

    /** A virtual network holding exactly the given subnet; returns the subnet's id. */
    String network(String vnet, SubnetInner subnet) {
        group();
        VirtualNetworkInner created = azure.networkManager().serviceClient().getVirtualNetworks().createOrUpdate(RG,
                vnet, new VirtualNetworkInner().withLocation(REGION)
                        .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.0.0.0/16")))
                        .withSubnets(List.of(subnet)));
        return created.subnets().get(0).id();
    }

    String privateSubnet(String vnet) {
        return network(vnet, new SubnetInner().withName("default").withAddressPrefix("10.0.0.0/24")
                .withDefaultOutboundAccess(false));
    }

    /** A NIC in the subnet, with a public IP when pipId is not null; returns its id. */
    String nic(String name, String subnetId, String pipId) {
        NetworkInterfaceIpConfigurationInner config = new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                .withSubnet(new SubnetInner().withId(subnetId));
        if (pipId != null) {
            config.withPublicIpAddress(new PublicIpAddressInner().withId(pipId));
        }
        return azure.networkManager().serviceClient().getNetworkInterfaces().createOrUpdate(RG, name,
                new NetworkInterfaceInner().withLocation(REGION).withIpConfigurations(List.of(config))).id();
    }

    static SubResource ref(String id) {
        return new SubResource().withId(id);
    }

    static ImageReference marketplace(String publisher, String offer, String sku) {
        return new ImageReference().withPublisher(publisher).withOffer(offer).withSku(sku).withVersion("latest");
    }

    static ImageReference ubuntu() {
        return marketplace("Canonical", "ubuntu-24_04-lts", "server");
    }

    /** A Linux VM request with SSH only, of the size and image given, on the NIC. */
    static VirtualMachineInner linuxVm(String nicId, String size, ImageReference image) {
        return new VirtualMachineInner().withLocation(REGION)
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(size)))
                .withStorageProfile(new StorageProfile().withImageReference(image)
                        .withOsDisk(new OSDisk().withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)))
                .withOsProfile(new OSProfile().withComputerName("build").withAdminUsername("azureuser")
                        .withLinuxConfiguration(new LinuxConfiguration().withDisablePasswordAuthentication(true)
                                .withSsh(new SshConfiguration().withPublicKeys(List.of(new SshPublicKey()
                                        .withPath("/home/azureuser/.ssh/authorized_keys")
                                        .withKeyData(TestKeys.SSH_PUBLIC_KEY))))))
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(
                        new NetworkInterfaceReference().withId(nicId).withPrimary(true))));
    }

    /** A NIC in a fresh private subnet for one VM of that name. */
    String nicFor(String vm) {
        return nic(vm + "-nic", privateSubnet(vm + "-vnet"), null);
    }

    VirtualMachineInner create(String name, VirtualMachineInner vm) {
        return azure.serviceClient().getVirtualMachines().createOrUpdate(RG, name, vm);
    }

    /** A raw ARM call through the SDK's pipeline (bearer token and all); path includes the query. */
    Raw raw(HttpMethod method, String pathAndQuery, String json) {
        HttpRequest request = new HttpRequest(method, emulator.endpoint().toString().replaceAll("/$", "")
                + pathAndQuery);
        if (json != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(json.getBytes(StandardCharsets.UTF_8));
        }
        try (HttpResponse response = azure.serviceClient().getHttpPipeline().sendSync(request, Context.NONE)) {
            String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            return new Raw(response.getStatusCode(), text.isBlank() ? null : Json.parse(text));
        }
    }

    /** Deprovisions the VM's guest, deallocates and generalizes it: ready to capture. */
    void generalize(String vm) {
        azure.serviceClient().getVirtualMachineRunCommands().createOrUpdate(RG, vm, "deprovision",
                new VirtualMachineRunCommandInner().withLocation(REGION).withSource(
                        new VirtualMachineRunCommandScriptSource().withScript(
                                "nohup sh -c 'waagent -force -deprovision+user; shutdown -h now' &")));
        azure.serviceClient().getVirtualMachines().deallocate(RG, vm);
        azure.serviceClient().getVirtualMachines().generalize(RG, vm);
    }

    /** Version 1.0.0 of a definition in gallery corp_images, captured from the source; returns its id. */
    String version(String definition, String sourceId) {
        return azure.serviceClient().getGalleryImageVersions().createOrUpdate(RG, "corp_images", definition, "1.0.0",
                new GalleryImageVersionInner().withLocation(REGION).withStorageProfile(
                        new GalleryImageVersionStorageProfile().withSource(
                                new GalleryArtifactVersionFullSource().withId(sourceId)))).id();
    }

    /** The emulator's private record of a VM. */
    Resource vmResource(String name) {
        return emulator.cloud().inventory.get(ResourceId.of(SUB, RG, "Microsoft.Compute/virtualMachines/" + name));
    }
}

package dev.imagebaker.azureimage.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.RetrieveBootDiagnosticsDataResultInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.models.BootDiagnostics;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiagnosticsProfile;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.Plan;
import com.azure.resourcemanager.compute.models.SecurityProfile;
import com.azure.resourcemanager.compute.models.SecurityTypes;
import com.azure.resourcemanager.compute.models.SnapshotSku;
import com.azure.resourcemanager.compute.models.SnapshotStorageAccountTypes;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.UefiSettings;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.imagebaker.azureimage.bake.cloud.BuildVm;
import dev.imagebaker.azureimage.bake.cloud.BuildVmRequest;
import dev.imagebaker.azureimage.bake.cloud.BuildVms;
import dev.imagebaker.azureimage.bake.cloud.CloudTimeoutException;
import dev.imagebaker.azureimage.bake.cloud.RunCommandRequest;
import dev.imagebaker.azureimage.bake.cloud.ScriptLine;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.SecurityType;
import dev.imagebaker.azureimage.config.SourceImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The build VM: a private virtual network and NIC (no public IP, no inbound rule), the VM itself, scripts as
 * managed run commands, and the power steps of generalization.
 */
final class AzureBuildVms implements BuildVms {
    private static final Duration POWER_POLL = Duration.ofSeconds(10);
    private final ArmClients clients;
    private final HttpClient httpClient;
    private final RunCommands.Known known = new RunCommands.Known();

    AzureBuildVms(ArmClients clients, HttpClient httpClient) {
        this.clients = clients;
        this.httpClient = httpClient;
    }

    @Override
    public BuildVm create(BuildVmRequest r, Duration timeout) {
        String nicId = clients.resourceId(r.resourceGroup(), "Microsoft.Network/networkInterfaces", r.name() + "-nic");
        Lro.awaitDone(() -> clients.network()
                .getNetworkInterfaces().beginCreateOrUpdate(r.resourceGroup(), r.name() + "-nic",
                        new NetworkInterfaceInner().withLocation(r.location()).withTags(r.tags())
                        .withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner().withName("private")
                                .withSubnet(new SubnetInner().withId(r.subnetId()))
                                .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC).withPrimary(true)))),
                timeout, "Creating the network interface of " + r.name(), PollSchedule.NETWORK);
        VirtualMachineInner vm = new VirtualMachineInner().withLocation(r.location()).withTags(r.tags())
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(r.size())))
                .withStorageProfile(new StorageProfile().withImageReference(imageReference(r.imageReference()))
                        .withOsDisk(new OSDisk().withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                                .withDeleteOption(DiskDeleteOptionTypes.DELETE)
                                .withManagedDisk(new ManagedDiskParameters()
                                        .withStorageAccountType(StorageAccountTypes.STANDARD_SSD_LRS))))
                // A specialized image keeps its guest's identity: Azure refuses an OS profile for it.
                .withOsProfile(r.specialized() ? null : osProfile(r))
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(new NetworkInterfaceReference()
                        .withId(nicId).withPrimary(true).withDeleteOption(DeleteOptions.DELETE))))
                // Managed boot diagnostics (no storageUri): the serial log of a stuck guest can be read.
                .withDiagnosticsProfile(new DiagnosticsProfile().withBootDiagnostics(new BootDiagnostics()
                        .withEnabled(true)));
        if (!r.dataDisks().isEmpty()) {
            // Empty Standard SSDs that go with the VM; a capture carries them into the version as dataDiskImages.
            vm.storageProfile().withDataDisks(r.dataDisks().stream().map(d -> new DataDisk().withLun(d.lun())
                    .withDiskSizeGB(d.sizeGb()).withCreateOption(DiskCreateOptionTypes.EMPTY)
                    .withDeleteOption(DiskDeleteOptionTypes.DELETE)
                    .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(
                            StorageAccountTypes.STANDARD_SSD_LRS))).toList());
        }
        if (r.securityType() != null) {
            SecurityProfile security = new SecurityProfile().withSecurityType(SecurityTypes.fromString(
                    r.securityType().azureName()));
            if (r.securityType() != SecurityType.STANDARD) {
                security.withUefiSettings(new UefiSettings().withSecureBootEnabled(true).withVTpmEnabled(true));
            }
            vm.withSecurityProfile(security);
        }
        if (r.plan() != null) {
            vm.withPlan(new Plan().withName(r.plan().name()).withPublisher(r.plan().publisher())
                    .withProduct(r.plan().product()));
        }
        Lro.awaitDone(() -> clients.compute().getVirtualMachines().beginCreateOrUpdate(r.resourceGroup(),
                r.name(), vm), timeout, "Creating VM " + r.name(), PollSchedule.VM);
        BuildVm created = new BuildVm(clients.resourceId(r.resourceGroup(), "Microsoft.Compute/virtualMachines",
                r.name()), r.resourceGroup(), r.name());
        known.created(created, r.location());
        return created;
    }

    @Override
    public String snapshotOsDisk(BuildVm vm, String snapshotName, Map<String, String> tags, Duration timeout) {
        VirtualMachineInner inner = Lro.call(() -> clients.compute().getVirtualMachines()
                .getByResourceGroup(vm.resourceGroup(), vm.name()));
        String diskId = inner.storageProfile().osDisk().managedDisk().id();
        // Full, not incremental: a layer's snapshot is made once and turned into an image version at once.
        SnapshotInner snapshot = new SnapshotInner().withLocation(inner.location()).withTags(tags)
                .withSku(new SnapshotSku().withName(SnapshotStorageAccountTypes.STANDARD_LRS)).withIncremental(false)
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY)
                        .withSourceResourceId(diskId));
        return Lro.awaitResource(() -> clients.compute().getSnapshots().beginCreateOrUpdate(vm.resourceGroup(),
                snapshotName, snapshot), timeout, "Snapshotting the OS disk of " + vm.name(), PollSchedule.SNAPSHOT,
                SnapshotInner::id, () -> clients.compute().getSnapshots().getByResourceGroup(vm.resourceGroup(),
                        snapshotName)).id();
    }

    @Override
    public Optional<String> serialLog(BuildVm vm, int lines) {
        RetrieveBootDiagnosticsDataResultInner data = Lro.call(() -> clients.compute().getVirtualMachines()
                .retrieveBootDiagnosticsDataWithResponse(vm.resourceGroup(), vm.name(), 10, Context.NONE).getValue());
        if (data == null || data.serialConsoleLogBlobUri() == null) {
            return Optional.empty();
        }
        // The URI carries a SAS: a secret, only ever used here.
        List<String> all = new BlobTail(data.serialConsoleLogBlobUri(), httpClient).read(true).stream()
                .filter(line -> !line.isBlank()).toList();
        return all.isEmpty() ? Optional.empty()
                : Optional.of(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())));
    }

    private static ImageReference imageReference(String reference) {
        SourceImage source = SourceImage.parse(reference);
        if (source instanceof SourceImage.Marketplace m) {
            return new ImageReference().withPublisher(m.publisher()).withOffer(m.offer()).withSku(m.sku())
                    .withVersion(m.version());
        }
        return new ImageReference().withId(reference);
    }

    private static OSProfile osProfile(BuildVmRequest r) {
        OSProfile profile = new OSProfile().withComputerName(r.computerName()).withAdminUsername(r.adminUser());
        if (r.osType() == OsType.WINDOWS) {
            return profile.withAdminPassword(r.credential().reveal())
                    .withWindowsConfiguration(new WindowsConfiguration().withProvisionVMAgent(true)
                            .withEnableAutomaticUpdates(false));
        }
        return profile.withLinuxConfiguration(new LinuxConfiguration().withDisablePasswordAuthentication(true)
                .withProvisionVMAgent(true).withSsh(new SshConfiguration().withPublicKeys(List.of(new SshPublicKey()
                        .withPath("/home/" + r.adminUser() + "/.ssh/authorized_keys")
                        .withKeyData(r.credential().reveal())))));
    }

    @Override
    public ScriptRun runScript(BuildVm vm, RunCommandRequest request, Consumer<ScriptLine> live) {
        return new RunCommands(clients, httpClient, known).run(vm, request, live);
    }

    @Override
    public void startDetached(BuildVm vm, RunCommandRequest request) {
        new RunCommands(clients, httpClient, known).start(vm, request);
    }

    @Override
    public void powerOff(BuildVm vm, Duration timeout) {
        Lro.awaitDone(() -> clients.compute().getVirtualMachines().beginPowerOff(vm.resourceGroup(), vm.name()),
                timeout, "Stopping VM " + vm.name(), PollSchedule.POWER);
    }

    @Override
    public void awaitStopped(BuildVm vm, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<InstanceViewStatus> statuses = Lro.call(() -> clients.compute().getVirtualMachines()
                    .instanceView(vm.resourceGroup(), vm.name()).statuses());
            boolean stopped = statuses != null && statuses.stream().anyMatch(s -> s.code() != null
                    && (s.code().equalsIgnoreCase("PowerState/stopped")
                    || s.code().equalsIgnoreCase("PowerState/deallocated")));
            if (stopped) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CloudTimeoutException("Waiting for VM " + vm.name() + " to stop", timeout);
            }
            // Through the SDK's delay provider, so that the emulator's time scale shortens this wait too.
            ResourceManagerUtils.sleep(POWER_POLL);
        }
    }

    @Override
    public void restart(BuildVm vm, Duration timeout) {
        Lro.awaitDone(() -> clients.compute().getVirtualMachines().beginRestart(vm.resourceGroup(), vm.name()),
                timeout, "Restarting VM " + vm.name(), PollSchedule.VM);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            VirtualMachineInstanceViewInner view = Lro.call(() -> clients.compute().getVirtualMachines()
                    .instanceView(vm.resourceGroup(), vm.name()));
            boolean ready = view.vmAgent() != null && view.vmAgent().statuses() != null && view.vmAgent().statuses()
                    .stream().anyMatch(s -> "Ready".equalsIgnoreCase(s.displayStatus()));
            if (ready) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CloudTimeoutException("Waiting for the guest agent of " + vm.name() + " after a restart",
                        timeout);
            }
            ResourceManagerUtils.sleep(POWER_POLL);
        }
    }

    @Override
    public void deallocate(BuildVm vm, Duration timeout) {
        Lro.awaitDone(() -> clients.compute().getVirtualMachines().beginDeallocate(vm.resourceGroup(), vm.name()),
                timeout, "Deallocating VM " + vm.name(), PollSchedule.VM);
    }

    @Override
    public void generalize(BuildVm vm) {
        Lro.run(() -> clients.compute().getVirtualMachines().generalize(vm.resourceGroup(), vm.name()));
    }
}

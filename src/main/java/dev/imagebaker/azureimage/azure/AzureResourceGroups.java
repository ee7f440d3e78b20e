package dev.imagebaker.azureimage.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.ResourceGroups;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Resource groups through the ResourceGroups API. */
final class AzureResourceGroups implements ResourceGroups {
    private final ArmClients clients;

    AzureResourceGroups(ArmClients clients) {
        this.clients = clients;
    }

    @Override
    public boolean exists(String name) {
        return Lro.call(() -> clients.resources().serviceClient().getResourceGroups().checkExistence(name));
    }

    @Override
    public java.util.List<GroupInfo> listTagged(String tagName) {
        return Lro.call(() -> clients.resources().serviceClient().getResourceGroups()
                .list("tagName eq '" + tagName + "'", null, com.azure.core.util.Context.NONE).stream()
                .map(g -> new GroupInfo(g.name(), g.location(), g.tags() == null ? Map.of() : Map.copyOf(g.tags())))
                .toList());
    }

    @Override
    public void create(String name, String location, Map<String, String> tags) {
        Lro.run(() -> clients.resources().serviceClient().getResourceGroups().createOrUpdate(name,
                new ResourceGroupInner().withLocation(location).withTags(tags)));
    }

    @Override
    public void delete(String name, Duration timeout) {
        try {
            Lro.awaitDone(() -> clients.resources().serviceClient().getResourceGroups().beginDelete(name), timeout,
                    "Deleting resource group " + name, PollSchedule.GROUP_DELETE);
        } catch (dev.imagebaker.azureimage.bake.cloud.CloudException e) {
            if (!(e.getCause() instanceof ManagementException m && Lro.isNotFound(m))) {
                throw e;
            }
        }
    }

    @Override
    public void beginDelete(String name) {
        try {
            // Building the poller sends the DELETE and reads Azure's 202; nobody polls it afterwards.
            Lro.call(() -> clients.resources().serviceClient().getResourceGroups().beginDelete(name));
        } catch (CloudException e) {
            if (!(e.getCause() instanceof ManagementException m && Lro.isNotFound(m))) {
                throw e;
            }
        }
    }

    @Override
    public List<TaggedResource> listTaggedResources(String group, String tagName) {
        try {
            return Lro.call(() -> clients.resources().genericResources().listByResourceGroup(group).stream()
                    .filter(r -> r.tags() != null && r.tags().containsKey(tagName))
                    .map(r -> new TaggedResource(r.id(), r.type(), Map.copyOf(r.tags()))).toList());
        } catch (CloudException e) {
            if (e.getCause() instanceof ManagementException m && Lro.isNotFound(m)) {
                return List.of();
            }
            throw e;
        }
    }

    /** Dependents first: a VM before its NIC and disk, a NIC before the subnet, a NAT gateway before its IP. */
    private static final List<String> DELETE_ORDER = List.of("microsoft.compute/virtualmachines",
            "microsoft.network/networkinterfaces", "microsoft.compute/disks", "microsoft.compute/snapshots", "microsoft.storage/storageaccounts",
            "microsoft.network/virtualnetworks", "microsoft.network/natgateways", "microsoft.network/publicipaddresses",
            "microsoft.network/networksecuritygroups");

    @Override
    public void deleteTaggedResources(String group, String tagName, String tagValue, Duration timeout) {
        List<TaggedResource> resources = listTaggedResources(group, tagName).stream()
                .filter(r -> tagValue.equals(r.tags().get(tagName)))
                .sorted(Comparator.comparingInt(r -> {
                    int i = DELETE_ORDER.indexOf(r.type().toLowerCase(Locale.ROOT));
                    return i < 0 ? DELETE_ORDER.size() : i;
                })).toList();
        for (TaggedResource r : resources) {
            delete(r, timeout);
        }
    }

    /** Through the type's own client, so that each delete speaks that type's api-version. */
    private void delete(TaggedResource r, Duration timeout) {
        String[] p = r.id().split("/");
        String group = p[4];
        String name = p[p.length - 1];
        String what = "Deleting " + r.type() + " " + name;
        try {
            switch (r.type().toLowerCase(Locale.ROOT)) {
                case "microsoft.compute/virtualmachines" -> Lro.awaitDone(() -> clients.compute()
                        .getVirtualMachines().beginDelete(group, name), timeout, what, PollSchedule.VM);
                case "microsoft.compute/disks" -> Lro.awaitDone(() -> clients.compute().getDisks()
                        .beginDelete(group, name), timeout, what, PollSchedule.QUICK);
                case "microsoft.compute/snapshots" -> Lro.awaitDone(() -> clients.compute().getSnapshots()
                        .beginDelete(group, name), timeout, what, PollSchedule.QUICK);
                case "microsoft.storage/storageaccounts" -> Lro.run(() -> clients.storage()
                        .getStorageAccounts().delete(group, name));
                case "microsoft.network/networkinterfaces" -> Lro.awaitDone(() -> clients.network().getNetworkInterfaces().beginDelete(group, name), timeout, what, PollSchedule.QUICK);
                case "microsoft.network/virtualnetworks" -> Lro.awaitDone(() -> clients.network().getVirtualNetworks().beginDelete(group, name), timeout, what, PollSchedule.QUICK);
                case "microsoft.network/natgateways" -> Lro.awaitDone(() -> clients.network()
                        .getNatGateways().beginDelete(group, name), timeout, what, PollSchedule.QUICK);
                case "microsoft.network/publicipaddresses" -> Lro.awaitDone(() -> clients.network().getPublicIpAddresses().beginDelete(group, name), timeout, what, PollSchedule.QUICK);
                case "microsoft.network/networksecuritygroups" -> Lro.awaitDone(() -> clients.network().getNetworkSecurityGroups().beginDelete(group, name), timeout, what, PollSchedule.QUICK);
                default -> throw new CloudException("UnexpectedResource", 0, "The build left a " + r.type() + " ("
                        + r.id() + "), which the plugin never creates: delete it yourself.");
            }
        } catch (CloudException e) {
            if (!(e.getCause() instanceof ManagementException m && Lro.isNotFound(m))) {
                throw e;
            }
        }
    }
}

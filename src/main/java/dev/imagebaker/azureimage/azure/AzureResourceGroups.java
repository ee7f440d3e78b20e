package dev.imagebaker.azureimage.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import dev.imagebaker.azureimage.bake.cloud.ResourceGroups;
import java.time.Duration;
import java.util.Map;

/** Resource groups through the ResourceGroups API. */
final class AzureResourceGroups implements ResourceGroups {
    private final ComputeManager compute;

    AzureResourceGroups(ComputeManager compute) {
        this.compute = compute;
    }

    @Override
    public boolean exists(String name) {
        return Lro.call(() -> compute.resourceManager().serviceClient().getResourceGroups().checkExistence(name));
    }

    @Override
    public java.util.List<GroupInfo> listTagged(String tagName) {
        return Lro.call(() -> compute.resourceManager().serviceClient().getResourceGroups()
                .list("tagName eq '" + tagName + "'", null, com.azure.core.util.Context.NONE).stream()
                .map(g -> new GroupInfo(g.name(), g.location(), g.tags() == null ? Map.of() : Map.copyOf(g.tags())))
                .toList());
    }

    @Override
    public void create(String name, String location, Map<String, String> tags) {
        Lro.run(() -> compute.resourceManager().serviceClient().getResourceGroups().createOrUpdate(name,
                new ResourceGroupInner().withLocation(location).withTags(tags)));
    }

    @Override
    public void delete(String name, Duration timeout) {
        try {
            Lro.await(() -> compute.resourceManager().serviceClient().getResourceGroups().beginDelete(name), timeout,
                    "Deleting resource group " + name);
        } catch (dev.imagebaker.azureimage.bake.cloud.CloudException e) {
            if (!(e.getCause() instanceof ManagementException m && Lro.isNotFound(m))) {
                throw e;
            }
        }
    }
}

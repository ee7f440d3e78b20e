package dev.imagebaker.azureimage.azure;

import com.azure.core.http.HttpPipeline;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.implementation.ComputeManagementClientBuilder;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.storage.StorageManager;
import com.azure.resourcemanager.storage.fluent.StorageManagementClient;
import java.util.function.Supplier;

/**
 * The SDK's clients on one pipeline, each built when first used. ComputeManager.authenticate builds Compute's,
 * Network's, Storage's, Authorization's and Resources' clients at once, some 2 s of class loading in a fresh JVM;
 * a no-op rebake needs Compute's only.
 */
final class ArmClients {
    private final HttpPipeline pipeline;
    private final AzureProfile profile;
    private final Supplier<ComputeManagementClient> compute;
    private final Supplier<NetworkManagementClient> network;
    private final Supplier<StorageManagementClient> storage;
    private final Supplier<ResourceManager> resources;

    ArmClients(HttpPipeline pipeline, AzureProfile profile) {
        this.pipeline = pipeline;
        this.profile = profile;
        // As ComputeManager builds it: the profile's endpoint and subscription, the SDK's defaults otherwise.
        this.compute = once(() -> new ComputeManagementClientBuilder().pipeline(pipeline)
                .endpoint(profile.getEnvironment().getResourceManagerEndpoint())
                .subscriptionId(profile.getSubscriptionId()).buildClient());
        this.network = once(() -> NetworkManager.authenticate(pipeline, profile).serviceClient());
        this.storage = once(() -> StorageManager.authenticate(pipeline, profile).serviceClient());
        this.resources = once(() -> ResourceManager.authenticate(pipeline, profile)
                .withSubscription(profile.getSubscriptionId()));
    }

    ComputeManagementClient compute() {
        return compute.get();
    }

    NetworkManagementClient network() {
        return network.get();
    }

    StorageManagementClient storage() {
        return storage.get();
    }

    ResourceManager resources() {
        return resources.get();
    }

    HttpPipeline pipeline() {
        return pipeline;
    }

    AzureProfile profile() {
        return profile;
    }

    String subscriptionId() {
        return profile.getSubscriptionId();
    }

    /** A resource's id as Azure forms it, e.g. type Microsoft.Network/natGateways: one the bake names needs no GET. */
    String resourceId(String group, String type, String name) {
        return "/subscriptions/" + subscriptionId() + "/resourceGroups/" + group + "/providers/" + type + "/" + name;
    }

    /** Built on the first call, once, whichever thread asks (steps run side by side). */
    private static <T> Supplier<T> once(Supplier<T> build) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = build.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}

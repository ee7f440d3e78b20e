package dev.imagebaker.azureimage.bake.cloud;

import java.util.Map;

/**
 * An image definition to create: Generalized (Specialized for cached layers), with the source image's OS, generation and architecture, the
 * features its versions need (SecurityType of the build VM, DiskControllerTypes, IsAcceleratedNetworkSupported)
 * and the source's purchase plan.
 */
public record DefinitionRequest(String resourceGroup, String gallery, String name, String location,
                                ImageFacts facts, Map<String, String> features, String publisher, String offer,
                                String sku, Map<String, String> tags, boolean specialized) {
    public DefinitionRequest {
        features = Map.copyOf(features);
        tags = Map.copyOf(tags);
    }
}

package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.OsType;
import java.util.Map;

/** An image definition as Azure has it, with its features (SecurityType, ...) and purchase plan. */
public record DefinitionInfo(String id, String location, OsType osType, String osState, String hyperVGeneration,
                             String architecture, Map<String, String> features, PurchasePlan purchasePlan) {
    public DefinitionInfo {
        features = Map.copyOf(features);
    }

    public DefinitionInfo(String id, String location, OsType osType, String osState, String hyperVGeneration,
                          String architecture) {
        this(id, location, osType, osState, hyperVGeneration, architecture, Map.of(), null);
    }

    /** The definition as image facts, for a source that is a version of it. */
    public ImageFacts facts() {
        return new ImageFacts(osType, hyperVGeneration, architecture, features, purchasePlan);
    }

    /** Its SecurityType feature; null when it has none (Standard). */
    public String securityType() {
        return facts().feature("SecurityType");
    }
}

package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.OsType;
import java.util.Locale;
import java.util.Map;

/**
 * What Azure says about an image: OS, Hyper-V generation (V1/V2), architecture (x64/Arm64), its features
 * (SecurityType, DiskControllerTypes, IsAcceleratedNetworkSupported, ...) and its purchase plan, if it has one.
 */
public record ImageFacts(OsType osType, String hyperVGeneration, String architecture, Map<String, String> features,
                         PurchasePlan plan) {
    public ImageFacts {
        features = Map.copyOf(features);
    }

    public ImageFacts(OsType osType, String hyperVGeneration, String architecture) {
        this(osType, hyperVGeneration, architecture, Map.of(), null);
    }

    /** A feature's value, by its name in any casing; null when the image does not declare it. */
    public String feature(String name) {
        return features.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /**
     * Whether VMs from it may be Trusted Launch: Gen2 with a SecurityType that contains TrustedLaunch
     * (azure-compute-docs trusted-launch-faq.md).
     */
    public boolean supportsTrustedLaunch() {
        String type = feature("SecurityType");
        return "V2".equalsIgnoreCase(hyperVGeneration) && type != null
                && type.toLowerCase(Locale.ROOT).contains("trustedlaunch");
    }

    /** Whether VMs from it may be confidential: a SecurityType that mentions ConfidentialVM. */
    public boolean supportsConfidentialVm() {
        String type = feature("SecurityType");
        return type != null && type.toLowerCase(Locale.ROOT).contains("confidentialvm");
    }
}

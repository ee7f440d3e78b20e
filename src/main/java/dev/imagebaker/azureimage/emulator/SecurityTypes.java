package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The security types of VMs and images (acd trusted-launch-portal.md, trusted-launch-faq.md): a VM is Standard,
 * TrustedLaunch or ConfidentialVM; an image's SecurityType feature says what it supports. "TrustedLaunch" and
 * "ConfidentialVM" definitions create only VMs of that type; the "...Supported" ones create either.
 */
final class SecurityTypes {
    static final String STANDARD = "Standard";
    static final String TRUSTED_LAUNCH = "TrustedLaunch";
    static final String CONFIDENTIAL_VM = "ConfidentialVM";

    private SecurityTypes() {
    }

    /** The value of the SecurityType feature in a features array, or null. */
    static String of(JsonNode features) {
        if (features == null || !features.isArray()) {
            return null;
        }
        for (JsonNode f : features) {
            if ("SecurityType".equalsIgnoreCase(f.path("name").asText())) {
                return f.path("value").asText(null);
            }
        }
        return null;
    }

    /** The VM security type an image insists on (TrustedLaunch or ConfidentialVM), or null when any will do. */
    static String requiredBy(String imageSecurityType) {
        if (TRUSTED_LAUNCH.equalsIgnoreCase(imageSecurityType)) {
            return TRUSTED_LAUNCH;
        }
        return CONFIDENTIAL_VM.equalsIgnoreCase(imageSecurityType) ? CONFIDENTIAL_VM : null;
    }

    /** "If hyperVGeneration is V2 and SecurityType contains TrustedLaunch ... supports Trusted Launch." */
    static boolean supportsTrustedLaunch(ImageSource image) {
        return "V2".equalsIgnoreCase(image.hyperVGeneration()) && contains(image.securityType(), "trustedlaunch");
    }

    static boolean supportsConfidential(ImageSource image) {
        return "V2".equalsIgnoreCase(image.hyperVGeneration()) && contains(image.securityType(), "confidentialvm");
    }

    /** TrustedLaunchSupported, ConfidentialVmSupported, TrustedLaunchAndConfidentialVmSupported. */
    static boolean isSupportedKind(String imageSecurityType) {
        return imageSecurityType != null && imageSecurityType.toLowerCase(Locale.ROOT).endsWith("supported");
    }

    private static boolean contains(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part);
    }

    /** The canonical spelling of a requested VM security type, or null when the value is none of the three. */
    static String canonical(String requested) {
        for (String known : new String[] {STANDARD, TRUSTED_LAUNCH, CONFIDENTIAL_VM}) {
            if (known.equalsIgnoreCase(requested)) {
                return known;
            }
        }
        return null;
    }
}

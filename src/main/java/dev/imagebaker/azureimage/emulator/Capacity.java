package dev.imagebaker.azureimage.emulator;

import java.util.Locale;

/**
 * Azure's capacity and quota refusals, as the research notes quote them: allocation failures end the operation
 * (SupportArticles-docs allocation-failure.md; jenkins-infra/azure #1416 for the overconstrained text), quota and
 * SKU refusals answer the PUT at once (nforgeio/neonKUBE #1671; learn error-sku-not-available). The tail of the
 * quota-increase link is elided in the notes; the one here is the emulator's.
 */
final class Capacity {
    static final String ALLOCATION_FAILED = "Allocation failed. We do not have sufficient capacity for the requested"
            + " VM size in this region. Read more about improving likelihood of allocation success at"
            + " https://aka.ms/allocation-guidance";
    static final String OVERCONSTRAINED = "Allocation failed. VM(s) with the following constraints cannot be"
            + " allocated, because the condition is too restrictive. Please remove some constraints and try again."
            + " Constraints applied are:\n  - Availability Zone\n  - Networking Constraints (such as Accelerated"
            + " Networking or IPv6)\n  - VM Size\n";

    private Capacity() {
    }

    /** Whether an operation failed because no host could take the VM: the VM then never ran. */
    static boolean isAllocationFailure(String code) {
        return code != null && (code.endsWith("AllocationFailed") || code.startsWith("Overconstrained"));
    }

    /** Azure's message for a capacity code, or the fallback for any other code. */
    static String message(String code, String fallback) {
        if (code == null) {
            return fallback;
        }
        return switch (code) {
            case "AllocationFailed", "ZonalAllocationFailed" -> ALLOCATION_FAILED;
            case "OverconstrainedAllocationRequest", "OverconstrainedZonalAllocationRequest" -> OVERCONSTRAINED;
            default -> fallback;
        };
    }

    /** 409 OperationNotAllowed: the cores quota (Total Regional, or the family's) would be exceeded. */
    static ArmException quotaExceeded(String quota, String location, int limit, int usage, int required) {
        return new ArmException(409, "OperationNotAllowed", "Operation could not be completed as it results in"
                + " exceeding approved " + quota + " Cores quota. Additional details - Deployment Model: Resource"
                + " Manager, Location: " + location + ", Current Limit: " + limit + ", Current Usage: " + usage
                + ", Additional Required: " + required + ", (Minimum) New Limit Required: " + (usage + required)
                + ". Submit a request for Quota increase at https://aka.ms/ProdportalCRP/#blade/Microsoft_Azure_Capacity"
                + "/UsageAndQuota.ReactView/Parameters/ by specifying parameters listed in the ‘Details’ section for"
                + " deployment to succeed. Please read more about quota limits at"
                + " https://docs.microsoft.com/en-us/azure/azure-supportability/regional-quota-requests.");
    }

    /** 409 SkuNotAvailable for a VM in a region (and zones). */
    static ArmException skuNotAvailable(ResourceId vm, String location, String zones) {
        return new ArmException(409, "SkuNotAvailable", "The requested size for resource '" + vm + "' is currently"
                + " not available in location '" + location + "' zones '" + zones + "' for subscription '"
                + vm.subscription().toLowerCase(Locale.ROOT) + "'. Please try another size or deploy to a different"
                + " location or zones. See https://aka.ms/azureskunotavailable for details.");
    }
}

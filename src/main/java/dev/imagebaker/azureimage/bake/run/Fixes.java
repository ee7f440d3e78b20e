package dev.imagebaker.azureimage.bake.run;

import java.util.Locale;

/** What to do about an Azure error code, in a sentence (as Jib's HelpfulSuggestions). */
public final class Fixes {
    private Fixes() {
    }

    /** The fix for an Azure error, where the message tells more than the code (a quota behind OperationNotAllowed). */
    public static String forError(String code, String message) {
        if ("OperationNotAllowed".equalsIgnoreCase(code) && message != null
                && message.toLowerCase(Locale.ROOT).contains("quota")) {
            return forCode("QuotaExceeded");
        }
        if (message != null && message.contains("already uses the identifier")) {
            return "Give this image definition its own <gallery><publisher>, <offer> and <sku>: Azure requires the"
                    + " three together to be unique within a gallery.";
        }
        return forCode(code);
    }

    public static String forCode(String code) {
        if (code == null) {
            return "Run the build again with -X to see every Azure request.";
        }
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "authorizationfailed", "linkedauthorizationfailed" -> "The signed-in identity lacks permission. It"
                    + " needs Contributor on the subscription (to create the temporary resource group) and on the"
                    + " gallery's resource group.";
            case "authenticationfailed", "invalidauthenticationtoken", "expiredauthenticationtoken" -> "Sign in again"
                    + " (az login), or check AZURE_CLIENT_ID, AZURE_TENANT_ID and the client secret or certificate.";
            case "subscriptionnotfound", "invalidsubscriptionid" -> "Check <subscriptionId>: the identity must have"
                    + " access to it (az account list).";
            case "quotaexceeded" -> "Request more vCPU quota for this VM family in the region (Azure portal:"
                    + " Quotas, or https://aka.ms/ProdportalCRP), or choose a smaller <vmSize> or another <location>.";
            case "skunotavailable" -> "The VM size is not offered to this subscription in this region: choose"
                    + " another <vmSize> or <location> (az vm list-skus -l <location> --size <size> shows why).";
            case "allocationfailed", "zonalallocationfailed" -> "Azure has no capacity for this VM size in the"
                    + " region right now: build again later, or choose another <vmSize> or <location>.";
            case "overconstrainedallocationrequest", "overconstrainedzonalallocationrequest" -> "Azure cannot"
                    + " place a VM with all these constraints (size, security type, accelerated networking): choose"
                    + " another <vmSize> or <location>, or <securityType>Standard</securityType>.";
            case "marketplacepurchaseeligibilityfailed" -> "Accept the marketplace terms of the image once: az vm"
                    + " image terms accept --urn <publisher:offer:sku:version>.";
            case "platformimagenotfound", "notfound" -> "Check <source>: az vm image list --publisher <publisher>"
                    + " --offer <offer> --sku <sku> --all --location <location> lists what exists.";
            case "osprovisioningtimedout" -> "The image's guest was not generalized before capture (waagent"
                    + " -deprovision+user or sysprep). Re-bake it; do not capture a VM that was not deprovisioned.";
            case "toomanyrequests" -> "Azure kept throttling the requests after the retries; run the build again"
                    + " later, or bake fewer images in parallel.";
            case "internalservererror", "internalexecutionerror", "internaloperationerror", "serviceunavailable",
                 "gatewaytimeout", "badgateway", "requesttimeout", "retryableerror" -> "A transient Azure failure:"
                    + " run the build again.";
            case "resourcegroupbeingdeleted" -> "A resource group of the same name is being deleted: wait for it, or"
                    + " bake again (a new build gets a new group).";
            case "timeout" -> "Raise the limit in <timeouts>, or look at the VM's boot diagnostics and serial console"
                    + " (keep the VM with <keepOnFailure>true</keepOnFailure>).";
            default -> "See Azure's message above; run the build again with -X to see every Azure request.";
        };
    }
}

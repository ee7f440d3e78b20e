package dev.imagebaker.azureimage.bake.cloud;

/**
 * A marketplace purchase plan (third-party images, e.g. CIS-hardened ones): a VM from the image must carry it, and
 * so must the image definition its versions go to (ImagePurchasePlan); its legal terms must be accepted first.
 */
public record PurchasePlan(String name, String publisher, String product) {
    /** The CLI line that accepts the terms for a URN of this plan. */
    public String acceptCommand(String urn) {
        return "az vm image terms accept --urn " + urn;
    }
}

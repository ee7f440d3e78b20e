package dev.imagebaker.azureimage.bake.cloud;

import java.util.List;
import java.util.Set;

/** What the subscription may use: its regions (locations API) and the VM sizes of a region (Resource SKUs API). */
public interface Catalog {
    /** The subscription's physical regions, by programmatic name (e.g. westeurope). */
    Set<String> regions();

    /** The VM sizes of a region, with their restrictions for this subscription. */
    List<VmSku> vmSizes(String location);

    /** Whether the legal terms of a marketplace plan are accepted in this subscription (MarketplaceOrdering). */
    boolean termsAccepted(PurchasePlan plan);
}

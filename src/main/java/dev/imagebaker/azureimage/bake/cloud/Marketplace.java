package dev.imagebaker.azureimage.bake.cloud;

import java.util.List;

/** The marketplace catalogue. */
public interface Marketplace {
    /** Every published version of a SKU in a region, in no particular order. */
    List<String> versions(String location, String publisher, String offer, String sku);

    ImageFacts facts(String location, String publisher, String offer, String sku, String version);
}

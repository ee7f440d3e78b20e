package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.bake.run.Pacer;

/** Everything the bake asks of Azure, as small interfaces that tests can fake. */
public record Cloud(Marketplace marketplace, ResourceGroups groups, BuildVms vms, Galleries galleries,
                    FileStaging staging, Networks networks, Catalog catalog, Pacer pacer) {
}

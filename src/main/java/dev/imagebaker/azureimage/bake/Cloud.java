package dev.imagebaker.azureimage.bake;

/** Everything the bake asks of Azure, as small interfaces that tests can fake. */
public record Cloud(Marketplace marketplace, ResourceGroups groups, BuildVms vms, Galleries galleries,
                    FileStaging staging, Pacer pacer) {
}

package dev.imagebaker.azureimage.bake.cloud;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Compute galleries, image definitions and image versions. */
public interface Galleries {
    Optional<GalleryInfo> gallery(String resourceGroup, String name);

    GalleryInfo createGallery(String resourceGroup, String name, String location, java.util.Map<String, String> tags,
                              Duration timeout);

    Optional<DefinitionInfo> definition(String resourceGroup, String gallery, String name);

    /** Creates a Generalized definition whose OS type, Hyper-V generation and architecture are the image's. */
    DefinitionInfo createDefinition(DefinitionRequest request, Duration timeout);

    Optional<VersionInfo> version(GalleryImageVersionId id);

    /** Every version of a definition. */
    List<VersionInfo> versions(String resourceGroup, String gallery, String definition);

    VersionInfo createVersion(VersionRequest request, Duration timeout);

    /**
     * Changes a version's publishing and waits until Azure has replicated it, at most timeout; onProgress hears the
     * replication of each region while it runs.
     */
    VersionInfo updateVersion(VersionUpdate update, Duration timeout,
                              java.util.function.Consumer<List<RegionReplication>> onProgress);

    /** Where the version's replication stands, region by region. */
    List<RegionReplication> replication(GalleryImageVersionId id);

    /** Adds (or replaces) tags of a version, keeping the others. */
    void tagVersion(GalleryImageVersionId id, java.util.Map<String, String> tags, Duration timeout);

    void deleteVersion(GalleryImageVersionId id, Duration timeout);
}

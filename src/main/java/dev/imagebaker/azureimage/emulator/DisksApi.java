package dev.imagebaker.azureimage.emulator;


/**
 * Managed disks: GET, list and DELETE. A disk attached to a VM cannot be deleted, nor can a disk that is the
 * source of a managed image that still exists.
 */
final class DisksApi implements ResourceApi {
    private static final String BASE = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/disks";
    private final CloudState cloud;

    DisksApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("GET", BASE + "/{disk}", this::get);
        router.add("DELETE", BASE + "/{disk}", this::delete);
        router.add("GET", BASE, this::list);
    }

    private ResourceId id(Router.Params p) {
        return ResourceId.of(p.get("sub"), p.get("rg"), "Microsoft.Compute/disks/" + p.get("disk"));
    }

    private ArmResponse get(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        return ArmResponse.ok(cloud.require(id(p)).body);
    }

    private ArmResponse list(ArmRequest req, Router.Params p) {
        Resource rg = cloud.requireGroup(p.get("sub"), p.get("rg"));
        return CloudState.list(cloud.inventory.within(rg.id, "Microsoft.Compute/disks"));
    }

    private ArmResponse delete(ArmRequest req, Router.Params p) {
        cloud.requireGroup(p.get("sub"), p.get("rg"));
        Resource disk = cloud.inventory.get(id(p));
        if (disk == null) {
            return ArmResponse.status(204);
        }
        refuseInUse(disk);
        Operations.Op op = cloud.start(req, disk.id, disk.location(), cloud.clock.after(Latency.DISK_DELETE), () -> {
            refuseInUse(disk);
            cloud.inventory.remove(disk.id);
            return null;
        });
        return cloud.accepted(req, op, 202, null, true);
    }

    private void refuseInUse(Resource disk) {
        String vm = disk.body.path("managedBy").asText(null);
        if (vm != null) {
            throw ArmException.operationNotAllowed("Disk " + disk.name() + " is attached to VM " + vm + ".");
        }
        for (Resource image : cloud.inventory.all()) {
            if (image.id.type().equalsIgnoreCase("Microsoft.Compute/images")
                    && disk.id.sameAs(Json.text(image.properties(), "storageProfile.osDisk.managedDisk.id"))) {
                throw ArmException.operationNotAllowed("Disk " + disk.name() + " is the source of image "
                        + image.id + " and cannot be deleted while the image exists. Delete the image first.");
            }
        }
    }
}

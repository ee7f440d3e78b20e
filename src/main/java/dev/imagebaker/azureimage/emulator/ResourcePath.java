package dev.imagebaker.azureimage.emulator;

/**
 * Where a resource type lives in ARM's URL space: the path templates of its collection and of one item, and the
 * resource id an item's path names. A type lives in a resource group or, nested, under its parent resource.
 */
final class ResourcePath {
    private static final String GROUP = "/subscriptions/{sub}/resourceGroups/{rg}";
    private final ResourcePath parent;
    private final String type;
    private final String param;

    private ResourcePath(ResourcePath parent, String type, String param) {
        this.parent = parent;
        this.type = type;
        this.param = param;
    }

    /** A type in a resource group, e.g. ("Microsoft.Compute/disks", "disk"): an item's name is parameter {disk}. */
    static ResourcePath inGroup(String type, String param) {
        return new ResourcePath(null, type, param);
    }

    /** A type nested in this one, e.g. galleries.child("images", "image"). */
    ResourcePath child(String childType, String childParam) {
        return new ResourcePath(this, childType, childParam);
    }

    boolean nested() {
        return parent != null;
    }

    /** The full type (Microsoft.Compute/galleries) in a resource group; for a nested type its own part (images). */
    String type() {
        return type;
    }

    String collection() {
        return nested() ? parent.item() + "/" + type : GROUP + "/providers/" + type;
    }

    String item() {
        return collection() + "/{" + param + "}";
    }

    ResourceId id(Router.Params p) {
        String name = p.get(param);
        return nested() ? parent.id(p).child(type, name) : ResourceId.of(p.get("sub"), p.get("rg"), type + "/" + name);
    }

    /** The parent resource's id for a nested type; null for a type in a resource group. */
    ResourceId parentId(Router.Params p) {
        return nested() ? parent.id(p) : null;
    }
}

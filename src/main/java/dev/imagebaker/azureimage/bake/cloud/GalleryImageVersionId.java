package dev.imagebaker.azureimage.bake.cloud;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM id of a gallery image version, parsed once:
 * /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Compute/galleries/{gallery}/images/{definition}/versions/{v}.
 */
public record GalleryImageVersionId(String subscription, String resourceGroup, String gallery, String definition,
                                    String version) {
    private static final Pattern ID = Pattern.compile("(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
            + "Microsoft\\.Compute/galleries/([^/]+)/images/([^/]+)/versions/([^/]+)$");

    /** Parses an id; throws IllegalArgumentException naming what it is not. */
    public static GalleryImageVersionId parse(String id) {
        Matcher m = ID.matcher(id == null ? "" : id.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + id + "' is not the id of a gallery image version");
        }
        return new GalleryImageVersionId(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id.trim()).matches();
    }

    public String galleryId() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Compute/galleries/" + gallery;
    }

    public String definitionId() {
        return galleryId() + "/images/" + definition;
    }

    /** The id as ARM writes it. */
    public String value() {
        return definitionId() + "/versions/" + version;
    }

    /** For messages: resource group/gallery/definition/version. */
    public String path() {
        return resourceGroup + "/" + gallery + "/" + definition + "/" + version;
    }

    /** Same version, whatever the casing (ARM ids are case-insensitive). */
    public boolean sameAs(GalleryImageVersionId other) {
        return other != null && value().toLowerCase(Locale.ROOT).equals(other.value().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value();
    }
}

package dev.imagebaker.azureimage.config;

/** The {@code <gallery>}: where versions go, each name checked against Azure's rules. */
final class GalleryReader {
    private static final String DEFINITION_RULE = "image definition names have at most 80 letters, digits, '-', '_'"
            + " and '.', and start and end with a letter or digit.";

    private GalleryReader() {
    }

    /** releaseOnly: the snapshot definition is never used (a release), so it is not checked. */
    static GalleryTarget read(ConfigValues values, String artifactId, boolean releaseOnly) {
        String group = values.required(PropertyNames.GALLERY_RESOURCE_GROUP, "The gallery's resource group",
                "images-rg");
        values.matches(PropertyNames.GALLERY_RESOURCE_GROUP, group, Names.RESOURCE_GROUP, "resource group names have"
                + " 1 to 90 letters, digits, '-', '_', '.', '(' or ')' and do not end with '.'.", "images-rg");
        String name = values.required(PropertyNames.GALLERY_NAME, "The gallery name", "corp_images");
        if (name != null && name.contains("-")) {
            values.problem(PropertyNames.GALLERY_NAME, "'" + name + "' contains a hyphen; Azure compute gallery"
                    + " names allow letters, digits, '_' and '.' only.", "Use '" + name.replace('-', '_') + "'.");
        } else {
            values.matches(PropertyNames.GALLERY_NAME, name, Names.GALLERY, "gallery names have at most 80 letters,"
                    + " digits, '_' and '.', and start and end with a letter or digit.", "corp_images");
        }
        String definition = values.required(PropertyNames.GALLERY_IMAGE_DEFINITION, "The image definition",
                artifactId);
        values.matches(PropertyNames.GALLERY_IMAGE_DEFINITION, definition, Names.IMAGE_DEFINITION, DEFINITION_RULE,
                "orders-service");
        String publisher = identifierPart(values, PropertyNames.GALLERY_PUBLISHER, "publisher", "contoso", 128);
        String offer = identifierPart(values, PropertyNames.GALLERY_OFFER, "offer", "orders", 64);
        String sku = identifierPart(values, PropertyNames.GALLERY_SKU, "sku", "ubuntu2404", 55);
        String given = values.get(PropertyNames.GALLERY_SNAPSHOT_DEFINITION);
        String snapshots = given != null ? given : definition == null ? null : definition + "-snapshot";
        if (given != null) {
            values.matches(PropertyNames.GALLERY_SNAPSHOT_DEFINITION, snapshots, Names.IMAGE_DEFINITION,
                    DEFINITION_RULE, "orders-service-snapshot");
        } else if (!releaseOnly && snapshots != null && Names.IMAGE_DEFINITION.matcher(definition).matches()
                && !Names.IMAGE_DEFINITION.matcher(snapshots).matches()) {
            // A derived name is the user's problem only when a snapshot would use it; a release never does.
            values.problem(PropertyNames.GALLERY_SNAPSHOT_DEFINITION, "The snapshot definition derived from"
                    + " <gallery><imageDefinition>, '" + snapshots + "', is longer than 80 characters.", "Name the"
                    + " snapshot definition, e.g. <snapshotImageDefinition>" + definition.substring(0,
                    Math.min(definition.length(), 70)) + "-snap</snapshotImageDefinition>, or shorten"
                    + " <imageDefinition>.");
        }
        if (snapshots != null && snapshots.equalsIgnoreCase(definition)) {
            values.problem(PropertyNames.GALLERY_SNAPSHOT_DEFINITION, "The snapshot definition is the release"
                    + " definition; snapshots would mix with releases.", "Leave it out (default: " + definition
                    + "-snapshot) or name another definition.");
        }
        return new GalleryTarget(group, name, definition, publisher, offer, sku, snapshots);
    }

    private static String identifierPart(ConfigValues values, String property, String what, String example,
                                         int max) {
        String v = values.required(property, "The image definition's " + what, example);
        values.matches(property, v, Names.IDENTIFIER_PART, "an identifier " + what + " has letters, digits, '-', '_'"
                + " and '.', and starts and ends with a letter or digit.", example);
        if (v != null && v.length() > max) {
            values.problem(property, "'" + v + "' is longer than " + max + " characters.", "Shorten it.");
        }
        return v;
    }
}

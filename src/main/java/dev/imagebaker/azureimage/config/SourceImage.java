package dev.imagebaker.azureimage.config;

import dev.imagebaker.azureimage.bake.cloud.Marketplace;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the build VM boots from: a marketplace URN, or an image in a compute gallery. */
public sealed interface SourceImage {

    /** As the user wrote it. */
    String text();

    /**
     * The same image however it is written: Azure's names are case-insensitive (publisher, offer, sku, resource
     * ids), so they are compared in lower case; a version is compared as written.
     */
    static String canonical(String text) {
        SourceImage source = parse(text);
        if (source instanceof Marketplace m) {
            return String.join(":", m.publisher().toLowerCase(Locale.ROOT), m.offer().toLowerCase(Locale.ROOT),
                    m.sku().toLowerCase(Locale.ROOT), m.version());
        }
        return source.text().toLowerCase(Locale.ROOT);
    }

    /** {@code publisher:offer:sku:version}; version is {@code latest} or a concrete version. */
    record Marketplace(String publisher, String offer, String sku, String version) implements SourceImage {
        public boolean latest() {
            return version.equalsIgnoreCase("latest");
        }

        @Override
        public String text() {
            return publisher + ":" + offer + ":" + sku + ":" + version;
        }

        public Marketplace withVersion(String concrete) {
            return new Marketplace(publisher, offer, sku, concrete);
        }

        /** Windows images come from Microsoft's Windows publishers. */
        public OsType impliedOsType() {
            return publisher.toLowerCase(Locale.ROOT).startsWith("microsoftwindows") ? OsType.WINDOWS : OsType.LINUX;
        }
    }

    /** A gallery image version id, or a definition id (its latest version). */
    record Gallery(String id, String subscription, String resourceGroup, String gallery, String definition,
                   String version) implements SourceImage {
        @Override
        public String text() {
            return id;
        }
    }

    Pattern URN = Pattern.compile("^([^:\\s]+):([^:\\s]+):([^:\\s]+):([^:\\s]+)$");
    Pattern VERSION = Pattern.compile("^(latest|\\d+(\\.\\d+)*)$", Pattern.CASE_INSENSITIVE);
    Pattern GALLERY_ID = Pattern.compile("^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
            + "Microsoft\\.Compute/galleries/([^/]+)/images/([^/]+)(/versions/([^/]+))?$", Pattern.CASE_INSENSITIVE);

    /** Parses a source; throws IllegalArgumentException with what is wrong. */
    static SourceImage parse(String text) {
        String s = text.trim();
        Matcher gallery = GALLERY_ID.matcher(s);
        if (gallery.matches()) {
            return new Gallery(s, gallery.group(1), gallery.group(2), gallery.group(3), gallery.group(4),
                    gallery.group(6));
        }
        Matcher urn = URN.matcher(s);
        if (!urn.matches()) {
            throw new IllegalArgumentException("'" + text + "' is neither a marketplace URN"
                    + " (publisher:offer:sku:version) nor a gallery image id (/subscriptions/.../galleries/<gallery>"
                    + "/images/<definition>[/versions/<version>])");
        }
        if (!VERSION.matcher(urn.group(4)).matches()) {
            throw new IllegalArgumentException("the version '" + urn.group(4) + "' of '" + text
                    + "' is neither 'latest' nor a version such as 24.04.202411030");
        }
        return new Marketplace(urn.group(1), urn.group(2), urn.group(3), urn.group(4));
    }
}

package dev.imagebaker.azureimage.config;

/** An Azure Compute Gallery version: Major.Minor.Patch, each a non-negative 32-bit integer. */
public record ImageVersion(int major, int minor, int patch) implements Comparable<ImageVersion> {

    public static ImageVersion parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + text + "' is not Major.Minor.Patch");
        }
        return new ImageVersion(part(text, parts[0]), part(text, parts[1]), part(text, parts[2]));
    }

    static int part(String text, String part) {
        if (!part.matches("\\d{1,10}") || Long.parseLong(part) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + part + "' in '" + text
                    + "' is not an integer from 0 to 2147483647");
        }
        return Integer.parseInt(part);
    }

    @Override
    public int compareTo(ImageVersion o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}

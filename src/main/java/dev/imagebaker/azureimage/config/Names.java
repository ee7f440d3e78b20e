package dev.imagebaker.azureimage.config;

import java.util.regex.Pattern;

/** Azure's naming rules for what the plugin names or is given, checked offline. */
final class Names {
    static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");
    static final Pattern RESOURCE_GROUP = Pattern.compile("^[-\\w._()]{0,89}[-\\w_()]$");
    static final Pattern GALLERY = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9._]{0,78}[A-Za-z0-9])?$");
    static final Pattern IMAGE_DEFINITION = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9._]{0,78}[A-Za-z0-9])?$");
    static final Pattern IDENTIFIER_PART = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9._]*[A-Za-z0-9])?$");
    static final Pattern VM_SIZE = Pattern.compile("^(Standard|Basic)_[A-Za-z0-9_]+$");
    static final Pattern TENANT = Pattern.compile("^([0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"
            + "|[A-Za-z0-9][-A-Za-z0-9.]*\\.[A-Za-z]{2,})$");

    private Names() {
    }
}

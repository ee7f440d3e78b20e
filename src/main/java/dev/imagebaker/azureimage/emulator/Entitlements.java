package dev.imagebaker.azureimage.emulator;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a subscription may use beyond the catalogue: the VM sizes restricted for it (Resource SKUs'
 * NotAvailableForSubscription) and the marketplace terms it accepted (MarketplaceOrdering). Tests set both through
 * {@link ArmEmulator.Builder}; the agreements API changes the terms. Neither is persisted in the state file.
 */
final class Entitlements {
    /** Any subscription, any region. */
    static final String ANY = "*";
    private final Set<String> restricted = ConcurrentHashMap.newKeySet();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private volatile boolean allTermsAccepted;

    private static String key(String... parts) {
        return String.join("|", parts).toLowerCase(Locale.ROOT);
    }

    /** Restricts a size in a region (or {@link #ANY} region) for every subscription. */
    void restrict(String size, String location) {
        restricted.add(key(size, location));
    }

    boolean restricted(String size, String location) {
        return restricted.contains(key(size, location)) || restricted.contains(key(size, ANY));
    }

    /** Accepts (or, with accepted false, cancels) the terms of a plan for a subscription, or {@link #ANY}. */
    void terms(String subscription, String publisher, String product, String plan, boolean accept) {
        if (accept) {
            accepted.add(key(subscription, publisher, product, plan));
        } else {
            accepted.remove(key(subscription, publisher, product, plan));
        }
    }

    void acceptAllTerms() {
        allTermsAccepted = true;
    }

    boolean termsAccepted(String subscription, String publisher, String product, String plan) {
        return allTermsAccepted || accepted.contains(key(subscription, publisher, product, plan))
                || accepted.contains(key(ANY, publisher, product, plan));
    }
}

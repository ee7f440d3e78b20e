package dev.imagebaker.azureimage.emulator;

/**
 * One family of endpoints the emulator serves: a resource type (or a few related ones), or what surrounds them
 * (subscriptions, identity, operation status). {@link ArmEmulator} registers every one from a single list, so a
 * new resource type is one class plus one line there.
 */
interface ResourceApi {
    /** Adds this API's routes; called once, before the server starts. */
    void register(Router router);
}

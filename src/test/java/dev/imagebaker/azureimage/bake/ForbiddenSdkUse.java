package dev.imagebaker.azureimage.bake;

import com.azure.core.util.Context;

/** A deliberate layering violation (bake using the Azure SDK), so that LayeringTest can show its rules bite. */
public final class ForbiddenSdkUse {
    private ForbiddenSdkUse() {
    }

    public static Object context() {
        return Context.NONE;
    }
}

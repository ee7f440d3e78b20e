package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.OsType;

/** What Azure says about an image: OS, Hyper-V generation (V1/V2) and architecture (x64/Arm64). */
public record ImageFacts(OsType osType, String hyperVGeneration, String architecture) {
}

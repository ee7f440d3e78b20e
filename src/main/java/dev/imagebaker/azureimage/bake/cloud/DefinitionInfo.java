package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.OsType;

/** An image definition as Azure has it. */
public record DefinitionInfo(String id, String location, OsType osType, String osState, String hyperVGeneration,
                             String architecture) {
}

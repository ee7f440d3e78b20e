package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.Secret;
import java.util.Map;

/**
 * A build VM to create: no public IP and no inbound rule; the credential is generated and never leaves memory.
 * imageReference is a marketplace URN with a concrete version, or a gallery image (version) id.
 */
public record BuildVmRequest(String resourceGroup, String location, String name, String computerName,
                             String size, OsType osType, String imageReference, String adminUser,
                             Secret credential, Map<String, String> tags) {
}

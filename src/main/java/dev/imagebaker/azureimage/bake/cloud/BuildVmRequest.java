package dev.imagebaker.azureimage.bake.cloud;

import dev.imagebaker.azureimage.config.DataDisk;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.Secret;
import dev.imagebaker.azureimage.config.SecurityType;
import java.util.List;
import java.util.Map;

/**
 * A build VM to create in a subnet: no public IP and no inbound rule; the credential is generated and never leaves
 * memory. imageReference is a marketplace URN with a concrete version, or a gallery image (version) id; plan is the
 * image's purchase plan (null for most images); securityType null leaves Azure's default; boot diagnostics are on,
 * in managed storage, so that a stuck guest's serial log can be read. dataDisks: empty disks to add (a VM made from
 * an image with data disks gets the image's without asking). specialized: imageReference is a Specialized gallery
 * version (a cached layer): the guest keeps its identity, so the VM has no OS profile and no credential.
 */
public record BuildVmRequest(String resourceGroup, String location, String name, String computerName,
                             String size, OsType osType, String imageReference, String adminUser,
                             Secret credential, Map<String, String> tags, String subnetId, SecurityType securityType,
                             PurchasePlan plan, List<DataDisk> dataDisks, boolean specialized) {
    public BuildVmRequest {
        dataDisks = List.copyOf(dataDisks);
    }
}

package dev.imagebaker.azureimage.bake.cloud;

import java.util.List;
import java.util.Set;

/**
 * A VM size as the Resource SKUs API describes it for one region and this subscription: its family, vCPUs and
 * memory, the Hyper-V generations and CPU architecture it runs, whether it can be Trusted Launch
 * (no TrustedLaunchDisabled capability) or confidential, and why it is restricted, if it is (reason codes such as
 * NotAvailableForSubscription), and how many data disks it takes (MaxDataDiskCount; 0 when Azure did not say).
 */
public record VmSku(String name, String family, int vCpus, double memoryGb, Set<String> hyperVGenerations,
                    String architecture, boolean trustedLaunch, boolean confidential, List<String> restrictions,
                    int maxDataDisks) {
    public VmSku {
        hyperVGenerations = Set.copyOf(hyperVGenerations);
        restrictions = List.copyOf(restrictions);
    }

    public boolean available() {
        return restrictions.isEmpty();
    }
}

package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Injected capacity faults: quota and SKU refusals answer the PUT, allocation failures end the operation. */
class CapacityFaultsTest extends PlacementFixture {

    private ManagementException refusal(String vm) {
        String nic = nicFor(vm);
        try {
            create(vm, linuxVm(nic, "Standard_D2s_v5", ubuntu()));
        } catch (ManagementException e) {
            return e;
        }
        throw new AssertionError("the VM was created");
    }

    /** Rule 13 (nforgeio/neonKUBE #1671): 409 OperationNotAllowed at once, with the numbers of the quota. */
    @Test
    void quotaExceededRefusesThePutWithAzuresNumbers() {
        create("first", linuxVm(nicFor("first"), "Standard_D2s_v5", ubuntu()));
        emulator.faults().add(FaultRule.quotaExceeded(3));
        ManagementException e = refusal("second");
        assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
        assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
        assertThat(e.getValue().getMessage()).startsWith("Operation could not be completed as it results in exceeding"
                + " approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager,"
                + " Location: westeurope, Current Limit: 3, Current Usage: 2, Additional Required: 2, (Minimum) New"
                + " Limit Required: 4.");
        assertThat(InventoryIds.of(emulator)).noneMatch(id -> id.endsWith("/virtualMachines/second"));
        emulator.faults().add(FaultRule.familyQuotaExceeded(-1));
        assertThat(refusal("third").getValue().getMessage()).contains("approved standardDSv5Family Cores quota")
                .contains("Current Limit: 2, Current Usage: 2");
    }

    /** Rule 14 (Azure-Samples/azuresandbox #70): SkuNotAvailable is a synchronous 409. */
    @Test
    void skuNotAvailableRefusesThePut() {
        emulator.faults().add(FaultRule.skuNotAvailable().resource("vm"));
        ManagementException e = refusal("vm");
        assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
        assertThat(e.getValue().getCode()).isEqualTo("SkuNotAvailable");
        assertThat(emulator.faults().fired()).containsExactly("SKU_NOT_AVAILABLE Microsoft.Compute/virtualMachines/write"
                + " on vm");
    }

    /**
     * Rule 15 (SupportArticles-docs allocation-failure.md; jenkins-infra/azure #1416): allocation failures are
     * asynchronous; the operation ends Failed and the VM is Failed, never having run.
     */
    @Test
    void allocationFailuresEndTheOperation() {
        Map<String, FaultRule> faults = Map.of("AllocationFailed", FaultRule.allocationFailed(),
                "ZonalAllocationFailed", FaultRule.zonalAllocationFailed(),
                "OverconstrainedAllocationRequest", FaultRule.overconstrainedAllocationRequest(),
                "OverconstrainedZonalAllocationRequest", FaultRule.overconstrainedZonalAllocationRequest());
        int n = 0;
        for (var fault : faults.entrySet()) {
            String vm = "vm" + n++;
            emulator.faults().add(fault.getValue().resource(vm));
            ManagementException e = refusal(vm);
            assertThat(e.getValue().getCode()).isEqualTo(fault.getKey());
            assertThat(e.getValue().getMessage()).startsWith("Allocation failed.");
            Resource failed = vmResource(vm);
            assertThat(failed.properties().path("provisioningState").asText()).isEqualTo("Failed");
            assertThat(VmState.power(failed)).isEqualTo(PowerState.DEALLOCATED);
        }
        assertThat(requests).anyMatch(line -> line.startsWith("PUT ") && line.endsWith("/virtualMachines/vm0 201"));
    }

    /** Rule 15: allocation happens again when a deallocated VM starts. */
    @Test
    void aStartCanFailToAllocate() {
        create("vm", linuxVm(nicFor("vm"), "Standard_D2s_v5", ubuntu()));
        azure.serviceClient().getVirtualMachines().deallocate(RG, "vm");
        emulator.faults().add(FaultRule.allocationFailed().onOperation("Microsoft.Compute/virtualMachines/start/action"));
        assertThatThrownBy(() -> azure.serviceClient().getVirtualMachines().start(RG, "vm"))
                .isInstanceOfSatisfying(ManagementException.class,
                        e -> assertThat(e.getValue().getCode()).isEqualTo("AllocationFailed"));
        assertThat(VmState.power(vmResource("vm"))).isEqualTo(PowerState.DEALLOCATED);
    }

    /** The JSON form of fault files names the same faults; an allocation code gets Azure's message. */
    @Test
    void faultFilesNameCapacityFaults() {
        emulator.faults().addAll(Json.parse("[{\"kind\":\"QUOTA_EXCEEDED\",\"limit\":10,\"resource\":\"a\"},"
                + "{\"kind\":\"SKU_NOT_AVAILABLE\",\"resource\":\"b\"},"
                + "{\"kind\":\"OPERATION_FAILED\",\"operation\":\"Microsoft.Compute/virtualMachines/write\","
                + "\"code\":\"OverconstrainedAllocationRequest\",\"resource\":\"c\"}]"));
        assertThat(refusal("a").getValue().getMessage()).contains("Current Limit: 10");
        assertThat(refusal("b").getValue().getCode()).isEqualTo("SkuNotAvailable");
        ManagementException c = refusal("c");
        assertThat(c.getValue().getCode()).isEqualTo("OverconstrainedAllocationRequest");
        assertThat(c.getValue().getMessage()).isEqualTo(Capacity.OVERCONSTRAINED);
        assertThat(emulator.faults().fired()).hasSize(3);
    }
}

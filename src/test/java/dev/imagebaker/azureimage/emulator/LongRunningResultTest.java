package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.Region;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.models.VirtualMachine;
import org.junit.jupiter.api.Test;

/** What the Location URL of a finished long-running operation answers. */
class LongRunningResultTest extends EmulatorFixture {
    private static final String V = "?api-version=2024-11-01";

    /**
     * An action's Location answers, once done, "the exact same response that would have been returned had the
     * operation been executed synchronously" (Azure/azure-resource-manager-rpc v1.0/async-api-reference.md, "202
     * Accepted and Location Headers"): for deallocate, whose spec declares 200 and 202 only (azure-rest-api-specs
     * ComputeRP/stable/2024-11-01 virtualMachine.json; @azure/arm-compute 24.1.0's deserializer accepts 200, 201 and
     * 202), that is 200. A DELETE's is 204, as the delete spec declares it.
     */
    @Test
    void anActionEndsWith200AndADeleteWith204() {
        azure.resourceManager().resourceGroups().define("rg").withRegion(Region.EUROPE_WEST).create();
        VirtualMachine vm = azure.virtualMachines().define("vm").withRegion(Region.EUROPE_WEST)
                .withExistingResourceGroup("rg").withNewPrimaryNetwork("10.0.0.0/28")
                .withPrimaryPrivateIPAddressDynamic().withoutPrimaryPublicIPAddress()
                .withLatestLinuxImage("Canonical", "ubuntu-24_04-lts", "server").withRootUsername("azureuser")
                .withSsh(TestKeys.SSH_PUBLIC_KEY).withSize("Standard_D2s_v5").create();

        String deallocate = resultUrl(HttpMethod.POST, vm.id() + "/deallocate" + V);
        assertThat(status(deallocate)).isEqualTo(200);

        String delete = resultUrl(HttpMethod.DELETE, vm.id() + V);
        assertThat(status(delete)).isEqualTo(204);
    }

    /** Sends the request, expects 202 with a Location, and returns the Location. */
    private String resultUrl(HttpMethod method, String path) {
        HttpRequest request = new HttpRequest(method, emulator.endpoint().toString().replaceAll("/$", "") + path);
        try (HttpResponse response = send(request)) {
            assertThat(response.getStatusCode()).isEqualTo(202);
            return response.getHeaderValue(HttpHeaderName.LOCATION);
        }
    }

    private int status(String url) {
        try (HttpResponse response = send(new HttpRequest(HttpMethod.GET, url))) {
            return response.getStatusCode();
        }
    }

    private HttpResponse send(HttpRequest request) {
        return azure.serviceClient().getHttpPipeline().sendSync(request, Context.NONE);
    }
}

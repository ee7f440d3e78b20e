package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Enum values are read in any casing and answered in Azure's: the specs declare them with x-ms-enum
 * modelAsString, and the service normalizes (VirtualMachine_Create_WithEmptyDataDisks.json answers createOption
 * "FromImage", caching "None"; GalleryImageVersion_Create_WithVmAsSource.json answers storageAccountType
 * "Standard_ZRS"). A value outside the enum is InvalidParameter.
 */
class AzureCasingTest extends ScenarioFixture {

    @Test
    void vmDiskOptionsComeBackInAzuresCasing() throws Exception {
        scenario.vm(); // osDisk createOption "fromImage"; data disks "empty"/"Empty", caching "readOnly"
        JsonNode storage = get(scenario.vm).at("/properties/storageProfile");
        assertThat(storage.at("/osDisk/createOption").asText()).isEqualTo("FromImage");
        assertThat(storage.at("/osDisk/caching").asText()).isEqualTo("ReadWrite");
        assertThat(storage.at("/dataDisks/0/createOption").asText()).isEqualTo("Empty");
        assertThat(storage.at("/dataDisks/0/caching").asText()).isEqualTo("None");
        assertThat(storage.at("/dataDisks/1/caching").asText()).isEqualTo("ReadOnly");
    }

    @Test
    void targetRegionStorageTypeComesBackInAzuresCasing() throws Exception {
        scenario.build();
        String version = Scenario.COMPUTE + "/galleries/bakes/images/linux/versions/2.0.0" + Scenario.G;
        http.send("PUT", version, """
                {"location":"westeurope","properties":{"publishingProfile":{"storageAccountType":"premium_lrs",
                 "targetRegions":[{"name":"westeurope","storageAccountType":"standard_zrs"}]},
                 "storageProfile":{"source":{"id":"%s"}}}}""".formatted(Scenario.path(scenario.image)), 201);
        JsonNode profile = settled(version).at("/properties/publishingProfile");
        assertThat(profile.at("/storageAccountType").asText()).isEqualTo("Premium_LRS");
        assertThat(profile.at("/targetRegions/0/storageAccountType").asText()).isEqualTo("Standard_ZRS");
    }

    @Test
    void storageSkuAndKindComeBackInAzuresCasing() throws Exception {
        http.send("PUT", scenario.rg, "{\"location\":\"westeurope\"}", 201);
        http.send("PUT", scenario.account, "{\"location\":\"westeurope\",\"sku\":{\"name\":\"standard_lrs\"},"
                + "\"kind\":\"storagev2\"}", 202);
        JsonNode account = get(scenario.account);
        assertThat(account.at("/sku/name").asText()).isEqualTo("Standard_LRS");
        assertThat(account.at("/kind").asText()).isEqualTo("StorageV2");
    }

    @Test
    void aValueOutsideTheEnumIsInvalidParameter() throws Exception {
        scenario.vm();
        String nic = Scenario.path(scenario.nic) + "2";
        http.send("PUT", nic + Scenario.N, "{\"location\":\"westeurope\",\"properties\":{\"ipConfigurations\":[{"
                + "\"name\":\"ip\",\"properties\":{\"subnet\":{\"id\":\"" + Scenario.path(scenario.subnet) + "\"}}}]}}", 201);
        String body = """
                {"location":"westeurope","properties":{"hardwareProfile":{"vmSize":"Standard_D2s_v5"},
                 "storageProfile":{"imageReference":{"publisher":"Canonical","offer":"0001-com-ubuntu-server-jammy",
                  "sku":"22_04-lts","version":"latest"},"osDisk":{"createOption":"FromTheShelf"}},
                 "osProfile":{"computerName":"other","adminUsername":"azureuser","adminPassword":"Bake-Pa55word"},
                 "networkProfile":{"networkInterfaces":[{"id":"%s"}]}}}""".formatted(nic);
        assertThatThrownBy(() -> http.send("PUT", Scenario.COMPUTE + "/virtualMachines/other" + Scenario.C, body, 201))
                .hasMessageContaining("answered 400").hasMessageContaining("InvalidParameter")
                .hasMessageContaining("FromTheShelf");
    }
}

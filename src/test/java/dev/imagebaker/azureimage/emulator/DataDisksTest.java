package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Data disks carried through a bake: a VM's empty data disks (VirtualMachine_Create_WithEmptyDataDisks.json) are
 * captured into the managed image's storageProfile.dataDisks (Image_CreateFromAVM.json), into a gallery version's
 * dataDiskImages (GalleryImageVersion_Create_WithVmAsSource.json), copied by a version made from that version
 * (GalleryImageVersion_Create_WithImageVersionAsSource.json), and come back as FromImage disks on a VM made from it.
 */
class DataDisksTest extends ScenarioFixture {

    @Test
    void dataDisksGoFromVmToImageToVersionsAndBack() throws Exception {
        scenario.build();
        JsonNode vmDisks = get(scenario.vm).at("/properties/storageProfile/dataDisks");
        assertThat(vmDisks).hasSize(2);
        assertThat(vmDisks.get(0).at("/managedDisk/id").asText()).contains("/disks/");
        assertThat(vmDisks.get(1).at("/toBeDetached").isBoolean()).isTrue();

        JsonNode imageDisks = get(scenario.image).at("/properties/storageProfile/dataDisks");
        assertThat(imageDisks.findValuesAsText("lun")).containsExactly("0", "1");
        assertThat(imageDisks.findValuesAsText("diskSizeGB")).containsExactly("32", "64");

        for (String version : new String[] {scenario.version, scenario.copy}) {
            JsonNode images = get(version).at("/properties/storageProfile/dataDiskImages");
            assertThat(images.findValuesAsText("lun")).as(version).containsExactly("0", "1");
            assertThat(images.findValuesAsText("sizeInGB")).as(version).containsExactly("32", "64");
            assertThat(images.findValuesAsText("hostCaching")).as(version).containsExactly("None", "ReadOnly");
        }

        JsonNode made = vmFrom(Scenario.path(scenario.copy));
        JsonNode disks = made.at("/properties/storageProfile/dataDisks");
        assertThat(disks.findValuesAsText("lun")).containsExactly("0", "1");
        assertThat(disks.findValuesAsText("createOption")).containsOnly("FromImage");
        assertThat(disks.findValuesAsText("diskSizeGB")).containsExactly("32", "64");
    }

    /** GalleryImageVersion_Create_WithImageVersionAsSource.json: the source is kept as given, the OS disk copied. */
    @Test
    void aVersionIsTheSourceOfAnother() throws Exception {
        scenario.build();
        JsonNode storage = get(scenario.copy).at("/properties/storageProfile");
        assertThat(storage.at("/source/id").asText()).isEqualTo(Scenario.path(scenario.version));
        assertThat(storage.at("/osDiskImage/sizeInGB").asInt()).isEqualTo(30);
        assertThat(get(scenario.copy).at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    }

    /**
     * A size takes at most its MaxDataDiskCount data disks (4 for Standard_D2s_v5): Azure answers 409
     * OperationNotAllowed, "The maximum number of data disks allowed to be attached to a VM of this size is 8." as
     * quoted in kubernetes-sigs/azuredisk-csi-driver#2883.
     */
    @Test
    void aSizeTakesNoMoreDataDisksThanItsMaxDataDiskCount() throws Exception {
        scenario.build();
        String nic = Scenario.path(scenario.nic) + "3";
        http.send("PUT", nic + Scenario.N, "{\"location\":\"westeurope\",\"properties\":{\"ipConfigurations\":[{"
                + "\"name\":\"ip\",\"properties\":{\"subnet\":{\"id\":\"" + Scenario.path(scenario.subnet) + "\"}}}]}}",
                201);
        StringBuilder disks = new StringBuilder();
        for (int lun = 0; lun < 5; lun++) {
            disks.append(lun == 0 ? "" : ",").append("{\"lun\":").append(lun)
                    .append(",\"createOption\":\"Empty\",\"diskSizeGB\":8}");
        }
        JsonNode error = http.send("PUT", Scenario.COMPUTE + "/virtualMachines/toomany" + Scenario.C, """
                {"location":"westeurope","properties":{"hardwareProfile":{"vmSize":"Standard_D2s_v5"},
                 "storageProfile":{"imageReference":{"publisher":"Canonical","offer":"ubuntu-24_04-lts",
                 "sku":"server","version":"latest"},"dataDisks":[%s]},
                 "osProfile":{"computerName":"many","adminUsername":"azureuser","adminPassword":"Bake-Pa55word"},
                 "networkProfile":{"networkInterfaces":[{"id":"%s"}]}}}""".formatted(disks, nic), 409);
        assertThat(error.at("/error/code").asText()).isEqualTo("OperationNotAllowed");
        assertThat(error.at("/error/message").asText()).isEqualTo("The maximum number of data disks allowed to be"
                + " attached to a VM of this size is 4.");
    }

    private JsonNode vmFrom(String imageId) throws Exception {
        String nic = Scenario.path(scenario.nic) + "2";
        http.send("PUT", nic + Scenario.N, "{\"location\":\"westeurope\",\"properties\":{\"ipConfigurations\":[{"
                + "\"name\":\"ip\",\"properties\":{\"subnet\":{\"id\":\"" + Scenario.path(scenario.subnet) + "\"}}}]}}",
                201);
        String vm = Scenario.COMPUTE + "/virtualMachines/fromversion" + Scenario.C;
        http.send("PUT", vm, """
                {"location":"westeurope","properties":{"hardwareProfile":{"vmSize":"Standard_D2s_v5"},
                 "storageProfile":{"imageReference":{"id":"%s"}},
                 "osProfile":{"computerName":"made","adminUsername":"azureuser","adminPassword":"Bake-Pa55word"},
                 "networkProfile":{"networkInterfaces":[{"id":"%s"}]}}}""".formatted(imageId, nic), 201);
        return settled(vm);
    }
}

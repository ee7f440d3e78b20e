package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Windows guests: parameters as the handler passes them, and sysprep with the image states it goes through
 * (Microsoft, "Windows Setup States": HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Setup\State, ImageState).
 */
class WindowsRunCommandTest extends GuestTimeFixture {
    private static final String STATE = "(Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion"
            + "\\Setup\\State').ImageState";
    private static final String POLL = "while (" + STATE + " -ne 'IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE') {"
            + " Write-Output " + STATE + "; Start-Sleep -Seconds 60 }";

    private Answer powershell(String vm, String name, String script, String more) throws Exception {
        return runCommand(vm, name, "{\"source\":{\"script\":" + Json.MAPPER.valueToTree(script) + "}" + more + "}");
    }

    /**
     * windows/run-command-managed.md: "myscript.ps1 -publicParam1 publicParam1value ..."; a SAS's & is parsed by
     * PowerShell (MicrosoftDocs/azure-docs#80366); base64 is the workaround azure-powershell#29880 gives.
     */
    @Test
    void aSasParameterFailsUnencodedAndArrivesBase64Encoded() throws Exception {
        String vm = vm("win", true);
        String sas = "sv=2022-11-02&sr=b&sp=r&se=2026-03-03T00:00:00Z&sig=a%2Bb&rscd=attachment; filename=a b.zip";
        String script = "[CmdletBinding()]\nparam([string] $Sas)\nWrite-Output $Sas";
        powershell(vm, "plain", script, ",\"protectedParameters\":[{\"name\":\"Sas\",\"value\":\"" + sas + "\"}]");
        String encoded = Base64.getEncoder().encodeToString(sas.getBytes(StandardCharsets.UTF_8));
        powershell(vm, "decoded", script + "\n$plain = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String("
                + "$Sas))\nWrite-Output $plain", ",\"protectedParameters\":[{\"name\":\"Sas\",\"value\":\""
                + encoded + "\"}]");
        powershell(vm, "encoded", script, ",\"protectedParameters\":[{\"name\":\"Sas\",\"value\":\"" + encoded + "\"}]");
        advance(15);
        JsonNode plain = view(vm, "plain");
        assertThat(plain.path("exitCode").asInt()).isEqualTo(1);
        assertThat(plain.path("error").asText()).startsWith("The ampersand (&) character is not allowed.");
        assertThat(view(vm, "encoded").path("output").asText()).isEqualTo(encoded + "\r\n");
        assertThat(view(vm, "decoded").path("output").asText()).isEqualTo(encoded + "\r\n" + sas + "\r\n");
    }

    /**
     * sysprep /generalize: IMAGE_STATE_UNDEPLOYABLE, then (Latency.WINDOWS_SYSPREP later)
     * IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE; with /shutdown the VM then stops. A second run command polling
     * ImageState (the loop Packer's azure-arm builder runs, docs/builders/arm.mdx) sees the states over time and
     * ends when it reads IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE.
     */
    @Test
    void sysprepGoesThroughTheImageStatesAndAPollingScriptSeesThem() throws Exception {
        String vm = vm("win", true);
        powershell(vm, "sysprep", "Start-Process -FilePath \"$env:SystemRoot\\System32\\Sysprep\\Sysprep.exe\""
                + " -ArgumentList '/generalize', '/oobe', '/quit', '/mode:vm'\nWrite-Output 'started'", "");
        powershell(vm, "poll", POLL + "\nWrite-Output 'done'", ",\"asyncExecution\":true");
        advance(Latency.WINDOWS_SYSPREP.nominal().plusSeconds(60));
        JsonNode poll = view(vm, "poll");
        assertThat(poll.path("executionState").asText()).isEqualTo("Succeeded");
        assertThat(poll.path("output").asText()).isEqualTo(("IMAGE_STATE_UNDEPLOYABLE\r\n").repeat(3)
                + "IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE\r\ndone\r\n");
        assertThat(view(vm, "sysprep").path("output").asText()).isEqualTo("started\r\n");
        // With /quit the VM keeps running and its agent answers.
        assertThat(powerState(vm)).isEqualTo("PowerState/running");
        powershell(vm, "after", "Write-Output " + STATE, "");
        advance(15);
        assertThat(view(vm, "after").path("output").asText()).isEqualTo("IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE\r\n");
    }

    /**
     * A stuck sysprep (a SCRIPT_HANG fault on its run command) stays at IMAGE_STATE_UNDEPLOYABLE; a polling script
     * runs until its timeout, and sysprep's setuperr.log holds errors (learn.microsoft.com/troubleshoot/
     * windows-client/setup-upgrade-and-drivers/sysprep-fails-remove-or-update-store-apps). Removing C:\Windows\Panther
     * (generalize.md) is accepted. A VM captured from that guest is not generalized: its VMs never provision.
     */
    @Test
    void aStuckSysprepKeepsTheGuestUndeployable() throws Exception {
        String vm = vm("win", true);
        emulator.faults().add(FaultRule.scriptHang().resource("sysprep"));
        powershell(vm, "panther", "Remove-Item -Path C:\\Windows\\Panther -Recurse -Force", "");
        powershell(vm, "sysprep", "Start-Process -FilePath C:\\Windows\\System32\\Sysprep\\Sysprep.exe"
                + " -ArgumentList '/generalize', '/oobe', '/shutdown', '/mode:vm'", "");
        powershell(vm, "poll", POLL, ",\"asyncExecution\":true,\"timeoutInSeconds\":900");
        advance(15);
        assertThat(view(vm, "panther").path("executionState").asText()).isEqualTo("Succeeded");
        assertThat(view(vm, "sysprep").path("executionState").asText()).isEqualTo("Succeeded");
        powershell(vm, "logs", "Get-Content -Tail 3 C:\\Windows\\System32\\Sysprep\\Panther\\setuperr.log", "");
        advance(15);
        assertThat(view(vm, "logs").path("output").asText()).contains("SYSPRP").contains("hr = 0x80073cf2");
        assertThat(view(vm, "logs").path("output").asText().split("\r\n")).hasSize(3);
        advance(900);
        JsonNode poll = view(vm, "poll");
        assertThat(poll.path("exitCode").asInt()).isEqualTo(-1);
        assertThat(poll.path("output").asText()).startsWith("IMAGE_STATE_UNDEPLOYABLE\r\n")
                .doesNotContain("RESEAL");
        assertThat(powerState(vm)).isEqualTo("PowerState/running");

        send("POST", vm + "/deallocate" + V, null);
        advance(Latency.VM_DEALLOCATE.nominal());
        send("POST", vm + "/generalize" + V, null);
        String image = RG + "/providers/Microsoft.Compute/images/stuck";
        send("PUT", image + V, "{\"location\":\"westeurope\",\"properties\":{\"hyperVGeneration\":\"V2\","
                + "\"sourceVirtualMachine\":{\"id\":\"" + vm + "\"}}}");
        advance(Latency.IMAGE_CREATE.nominal());
        String nic = RG + "/providers/Microsoft.Network/networkInterfaces/test-nic";
        send("PUT", nic + V, "{\"location\":\"westeurope\",\"properties\":{\"ipConfigurations\":[{\"name\":"
                + "\"ip\",\"properties\":{\"subnet\":{\"id\":\"" + RG + "/providers/Microsoft.Network/"
                + "virtualNetworks/net/subnets/s\"}}}]}}");
        Answer test = send("PUT", RG + "/providers/Microsoft.Compute/virtualMachines/test" + V, "{\"location\":"
                + "\"westeurope\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v5\"},"
                + "\"storageProfile\":{\"imageReference\":{\"id\":\"" + image + "\"}},\"osProfile\":"
                + "{\"computerName\":\"test\",\"adminUsername\":\"builder\",\"adminPassword\":"
                + "\"S3cret-Passw0rd-42\"},\"networkProfile\":{\"networkInterfaces\":[{\"id\":\"" + nic + "\"}]}}}");
        advance(Latency.OS_PROVISIONING_TIMEOUT.nominal());
        assertThat(operation(test).at("/error/code").asText()).isEqualTo("OSProvisioningTimedOut");
    }

    /** A generalized Windows guest (RESEAL_TO_OOBE, /shutdown) can be captured; a VM from it provisions. */
    @Test
    void sysprepWithShutdownStopsTheVmWhichCanThenBeCaptured() throws Exception {
        String vm = vm("win", true);
        powershell(vm, "sysprep", "Start-Process -FilePath C:\\Windows\\System32\\Sysprep\\Sysprep.exe"
                + " -ArgumentList '/generalize', '/oobe', '/shutdown', '/mode:vm'", "");
        advance(Latency.WINDOWS_SYSPREP.nominal().plusSeconds(1));
        assertThat(powerState(vm)).isEqualTo("PowerState/stopped");
        send("POST", vm + "/deallocate" + V, null);
        advance(Latency.VM_DEALLOCATE.nominal());
        assertThat(send("POST", vm + "/generalize" + V, null).status()).isEqualTo(200);
        Answer image = send("PUT", RG + "/providers/Microsoft.Compute/images/img" + V, "{\"location\":\"westeurope\","
                + "\"properties\":{\"hyperVGeneration\":\"V2\",\"sourceVirtualMachine\":{\"id\":\"" + vm + "\"}}}");
        assertThat(image.status()).isEqualTo(201);
        advance(Latency.IMAGE_CREATE.nominal());
        assertThat(send("GET", RG + "/providers/Microsoft.Compute/images/img" + V, null).json()
                .at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    }
}

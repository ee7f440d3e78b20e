package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The emulated Windows guest's PowerShell. The handler runs "script.ps1 -name value ..." with the values unquoted
 * (MicrosoftDocs/azure-compute-docs articles/virtual-machines/windows/run-command-managed.md); values with spaces
 * split (azure-powershell#7269, azure-cli#25042) and an & reaches PowerShell's parser (MicrosoftDocs/azure-docs#80366,
 * azure-powershell#29880: "Base64-encode the value"). Binding follows about_Functions_CmdletBindingAttribute.
 */
class GuestPowerShellTest {
    private static final GuestPowerShell.Guest GUEST = new GuestPowerShell.Guest() {
        @Override
        public String imageState(double at) {
            return WindowsImageState.COMPLETE;
        }

        @Override
        public boolean sysprepStuck(double at) {
            return false;
        }

        @Override
        public String computerName() {
            return "win";
        }
    };
    private static final String SCRIPT = "[CmdletBinding()]\nparam([string] $Sas, [string] $Name = 'default')\n"
            + "Write-Output \"sas=$Sas\"\nWrite-Output $Name\n";

    private static GuestRun run(String script, List<Map.Entry<String, String>> parameters) {
        return GuestPowerShell.interpret(script, parameters, GUEST, false);
    }

    private static String out(GuestRun run, GuestRun.Stream stream) {
        return new String(run.produced(stream, Double.MAX_VALUE), StandardCharsets.UTF_8);
    }

    @Test
    void anUnquotedAmpersandIsAParseError() {
        GuestRun run = run(SCRIPT, List.of(Map.entry("Sas", "sv=2022-11-02&sr=b&sig=abc%3D")));
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(out(run, GuestRun.Stream.ERR)).startsWith("The ampersand (&) character is not allowed. The &"
                + " operator is reserved for future use; wrap an ampersand in double quotation marks (\"&\") to pass"
                + " it as part of a string.");
        assertThat(out(run, GuestRun.Stream.OUT)).isEmpty();
    }

    @Test
    void aValueWithSpacesSplitsAndAnAdvancedScriptRefusesTheRest() {
        GuestRun extra = run(SCRIPT, List.of(Map.entry("Name", "two words"), Map.entry("Sas", "x")));
        assertThat(out(extra, GuestRun.Stream.ERR)).startsWith("script.ps1 : A positional parameter cannot be found"
                + " that accepts argument 'words'.");
        assertThat(extra.exitCode).isEqualTo(1);
        GuestRun unknown = run(SCRIPT, List.of(Map.entry("Token", "x")));
        assertThat(out(unknown, GuestRun.Stream.ERR)).startsWith("script.ps1 : A parameter cannot be found that matches"
                + " parameter name 'Token'.");
        // A simple script (no [CmdletBinding()] nor [Parameter()]) puts what is left in $args instead.
        GuestRun simple = run("param($Name)\nWrite-Output $Name\n", List.of(Map.entry("Name", "two words")));
        assertThat(simple.exitCode).isZero();
        assertThat(out(simple, GuestRun.Stream.OUT)).isEqualTo("two\r\n");
    }

    @Test
    void aBase64ValueArrivesIntact() {
        String sas = "sv=2022-11-02&sr=b&sp=r&sig=a%2Bb c";
        String encoded = java.util.Base64.getEncoder().encodeToString(sas.getBytes(StandardCharsets.UTF_8));
        GuestRun run = run(SCRIPT + "$plain = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Sas))\n"
                + "Write-Output $plain\n", List.of(Map.entry("Sas", encoded)));
        assertThat(run.exitCode).isZero();
        assertThat(out(run, GuestRun.Stream.OUT)).isEqualTo("sas=" + encoded + "\r\ndefault\r\n" + sas + "\r\n");
    }

    @Test
    void outputSleepExitAndEnvironment() {
        GuestRun run = run("Write-Host 'on' $env:COMPUTERNAME\n'bare string'\nStart-Sleep -Seconds 20\n"
                + "echo \"root=$env:SystemRoot\"\nexit 7\nWrite-Output never\n", List.of());
        assertThat(out(run, GuestRun.Stream.OUT)).isEqualTo("on win\r\nbare string\r\nroot=C:\\Windows\r\n");
        assertThat(run.end).isEqualTo(20.0);
        assertThat(run.exitCode).isEqualTo(7);
    }
}

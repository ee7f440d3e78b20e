package dev.imagebaker.azureimage.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The serial console log a VM's boot diagnostics hold, told from what the emulator knows of its guest: the boot,
 * then provisioning (which a guest captured without deprovisioning skips, so that Azure waits for it until
 * OSProvisioningTimedOut), then a deprovisioning and power-down when the guest ran waagent -deprovision. The lines
 * imitate an Ubuntu cloud image on Hyper-V and Windows' Special Administration Console; they are deterministic.
 */
final class SerialConsoleLog {
    private static final DateTimeFormatter CLOUD_INIT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss +0000", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneOffset.UTC);

    private SerialConsoleLog() {
    }

    static String of(CloudState cloud, Resource vm) {
        return "Windows".equals(vm.state.path("osType").asText()) ? windows(vm) : linux(vm, privateIp(cloud, vm));
    }

    private static String linux(Resource vm, String privateIp) {
        boolean arm = "Arm64".equalsIgnoreCase(vm.state.path("architecture").asText());
        boolean gen2 = "V2".equalsIgnoreCase(vm.state.path("hyperVGeneration").asText());
        String host = hostName(vm);
        String user = GuestFacts.adminUsername(vm);
        Instant created = created(vm);
        List<String> out = new ArrayList<>();
        if (arm) {
            out.add("[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x413fd0c1]");
        }
        out.add("[    0.000000] Linux version 6.8.0-1017-azure (buildd@" + (arm ? "bos02-arm64-044" : "lcy02-amd64-071")
                + ") (" + (arm ? "aarch64" : "x86_64") + "-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld"
                + " (GNU Binutils for Ubuntu) 2.42) #20-Ubuntu SMP Fri Oct  4 08:49:56 UTC 2024");
        out.add("[    0.000000] " + (arm ? "Kernel command line" : "Command line")
                + ": BOOT_IMAGE=/vmlinuz-6.8.0-1017-azure root=PARTUUID=" + partUuid(vm)
                + " ro console=tty1 console=" + (arm ? "ttyAMA0" : "ttyS0") + " earlyprintk="
                + (arm ? "ttyAMA0" : "ttyS0") + " panic=-1");
        out.add("[    0.000000] DMI: Microsoft Corporation Virtual Machine/Virtual Machine, BIOS "
                + (gen2 ? "Hyper-V UEFI Release v4.1 08/23/2024" : "090008  12/07/2018"));
        out.add("[    0.000000] Hypervisor detected: Microsoft Hyper-V");
        out.add("[    1.123482] hv_vmbus: Vmbus version:5.3");
        out.add("[    2.847120] EXT4-fs (sda1): mounted filesystem with ordered data mode. Quota mode: none.");
        out.add("[  OK  ] Started systemd-networkd.service - Network Configuration.");
        out.add("[    9.402211] cloud-init[612]: Cloud-init v. 24.3.1-0ubuntu0~24.04.2 running 'init' at "
                + CLOUD_INIT.format(created) + ". Up 9.31 seconds.");
        out.add("[    9.655030] cloud-init[612]: ci-info: |  eth0  | True |   " + privateIp
                + "   | 255.255.255.0 | global | 60:45:bd:00:00:01 |");
        out.add("[   11.204833] WALinuxAgent[701]: Azure Linux Agent Version: 2.12.0.2");
        if (vm.state.path("imageDeprovisioned").asBoolean(true)) {
            out.add("[   13.981247] WALinuxAgent[701]: Provisioning complete");
            out.add("[   15.002318] cloud-init[988]: Cloud-init v. 24.3.1-0ubuntu0~24.04.2 finished at "
                    + CLOUD_INIT.format(created.plusSeconds(15)) + ". Datasource DataSourceAzure [seed=/dev/sr0]."
                    + "  Up 15.00 seconds");
        } else {
            // The image kept its first VM's provisioning state: nothing reports this VM ready.
            out.add("[   13.981247] WALinuxAgent[701]: Provisioning already completed, skipping.");
            out.add("[   14.120004] cloud-init[988]: Cloud-init v. 24.3.1-0ubuntu0~24.04.2 finished at "
                    + CLOUD_INIT.format(created.plusSeconds(14)) + ". Datasource DataSourceNone.  Up 14.12 seconds");
            out.add("[   14.120361] cloud-init[988]: " + LOG_TIME.format(created.plusSeconds(14))
                    + " - cc_final_message.py[WARNING]: Used fallback datasource");
        }
        out.add("");
        out.add("Ubuntu 24.04.1 LTS " + host + " " + (arm ? "ttyAMA0" : "ttyS0"));
        out.add("");
        out.add(host + " login:");
        if (vm.state.path("deprovisioned").asBoolean()) {
            for (String warning : List.of("The waagent service will be stopped.", "Cached DHCP leases will be deleted.",
                    "root password will be disabled. You will not be able to login as root.",
                    "/etc/resolv.conf will be deleted.",
                    user + " account and entire home directory will be deleted.")) {
                out.add("[  312.204117] waagent[2210]: WARNING! " + warning);
            }
            out.add("[  313.001552] systemd[1]: Stopping walinuxagent.service - Azure Linux Agent...");
        }
        if (halted(vm)) {
            out.add("[  332.781004] systemd-shutdown[1]: Syncing filesystems and block devices.");
            out.add("[  333.402918] reboot: Power down");
        }
        return String.join("\n", out) + "\n";
    }

    private static String windows(Resource vm) {
        List<String> out = new ArrayList<>(List.of("", "Computer is booting, SAC started and initialized.", "",
                "Use the \"ch -?\" command for information about using channels.",
                "Use the \"?\" command for general help.", "", "SAC>", "EVENT: The CMD command is now available.",
                "SAC>"));
        if (halted(vm)) {
            out.add("EVENT: The machine is shutting down.");
        }
        return String.join("\r\n", out) + "\r\n";
    }

    /** The guest no longer runs: shut down from inside (deprovisioning does), stopped or deallocated. */
    private static boolean halted(Resource vm) {
        PowerState power = VmState.power(vm);
        return vm.state.path("deprovisioned").asBoolean() || power == PowerState.STOPPED
                || power == PowerState.DEALLOCATED || power == PowerState.DEALLOCATING;
    }

    private static String hostName(Resource vm) {
        String name = GuestFacts.computerName(vm);
        return name == null ? vm.name() : name;
    }

    private static Instant created(Resource vm) {
        String created = Json.text(vm.properties(), "timeCreated");
        return created == null ? Instant.EPOCH : Instant.parse(created);
    }

    private static String partUuid(Resource vm) {
        String vmId = Json.text(vm.properties(), "vmId");
        return vmId == null ? "00000000-0000-0000-0000-000000000000" : vmId;
    }

    /** The first private address of the VM's first NIC, as cloud-init prints it. */
    private static String privateIp(CloudState cloud, Resource vm) {
        for (var ref : vm.properties().path("networkProfile").path("networkInterfaces")) {
            Resource nic = cloud.inventory.get(ref.path("id").asText(null));
            if (nic != null) {
                for (var config : nic.properties().path("ipConfigurations")) {
                    String ip = Json.text(config, "properties.privateIPAddress");
                    if (ip != null) {
                        return ip;
                    }
                }
            }
        }
        return "10.0.0.4";
    }
}

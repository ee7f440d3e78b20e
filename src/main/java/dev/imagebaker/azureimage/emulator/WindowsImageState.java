package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A Windows guest's image state, as Windows Setup records it in HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\
 * Setup\State, value ImageState (Microsoft, "Windows Setup States", learn.microsoft.com/windows-hardware/
 * manufacture/desktop/windows-setup-states). A running VM is at IMAGE_STATE_COMPLETE; sysprep /generalize puts it
 * at IMAGE_STATE_UNDEPLOYABLE while it works and at IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE when it is done; a stuck
 * sysprep leaves it at IMAGE_STATE_UNDEPLOYABLE. The VM's private state keeps when sysprep starts and ends, so
 * that a script polling the value sees it change over time.
 */
final class WindowsImageState {
    static final String COMPLETE = "IMAGE_STATE_COMPLETE";
    static final String UNDEPLOYABLE = "IMAGE_STATE_UNDEPLOYABLE";
    static final String RESEAL_TO_OOBE = "IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE";

    private WindowsImageState() {
    }

    /** Records that sysprep /generalize starts at start and is done at done (null: it never is). */
    static void sysprepPlanned(Resource vm, Instant start, Instant done) {
        ObjectNode sysprep = vm.state.putObject("sysprep");
        sysprep.put("startsAt", start.toString());
        if (done != null) {
            sysprep.put("doneAt", done.toString());
        }
    }

    /** The ImageState value a script reading the registry at time t gets. */
    static String at(Resource vm, Instant t) {
        if (!vm.state.has("sysprep")) {
            return COMPLETE;
        }
        Instant start = Instant.parse(vm.state.path("sysprep").path("startsAt").asText());
        String done = vm.state.path("sysprep").path("doneAt").asText(null);
        if (t.isBefore(start)) {
            return COMPLETE;
        }
        return done == null || t.isBefore(Instant.parse(done)) ? UNDEPLOYABLE : RESEAL_TO_OOBE;
    }

    /** Whether sysprep was started on the VM and will never finish. */
    static boolean stuck(Resource vm, Instant t) {
        return vm.state.has("sysprep") && !vm.state.path("sysprep").has("doneAt")
                && !t.isBefore(Instant.parse(vm.state.path("sysprep").path("startsAt").asText()));
    }
}

package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The emulated Linux guest's bash. Parameters reach the script as run-command-handler-linux internal/exec/exec.go
 * SetEnvironmentVariables sets them (only non-empty values); bash's own behaviour is GNU bash's ("Bash Reference
 * Manual": set -u, ${parameter:?word}, read's exit status), checked against bash 5.2 for the exact texts.
 */
class GuestShellTest {
    private static final String PATH = "/var/lib/waagent/run-command-handler/download/r/0/script.sh";

    /** Runs a script; parameters given as "NAME=value" (an empty value is declared but not delivered). */
    private static GuestRun run(String script, String... parameters) {
        Map<String, String> env = new LinkedHashMap<>();
        Set<String> declared = new LinkedHashSet<>();
        for (String p : parameters) {
            String[] kv = p.split("=", 2);
            declared.add(kv[0]);
            if (!kv[1].isEmpty()) {
                env.put(kv[0], kv[1]);
            }
        }
        return GuestShell.interpret(script, new GuestShell.Setup(PATH, env, List.of(), declared, false));
    }

    private static String out(GuestRun run, GuestRun.Stream stream) {
        return new String(run.produced(stream, Double.MAX_VALUE), StandardCharsets.UTF_8);
    }

    private static List<String> changes(GuestRun run) {
        List<String> out = new ArrayList<>();
        run.changes.forEach(c -> out.add(c.effect() + "@" + (int) c.at() + "/" + c.job()));
        return out;
    }

    @Test
    void anUndeliveredParameterFailsUnderNounsetAsBashDoes() {
        GuestRun run = run("#!/bin/bash\nset -eu\necho start\necho \"token=$TOKEN\"\necho never\n", "TOKEN=");
        assertThat(out(run, GuestRun.Stream.OUT)).isEqualTo("start\n");
        assertThat(out(run, GuestRun.Stream.ERR)).isEqualTo(PATH + ": line 4: TOKEN: unbound variable\n");
        assertThat(run.exitCode).isEqualTo(1);

        GuestRun delivered = run("#!/bin/bash\nset -o nounset\necho \"token=$TOKEN\"\n", "TOKEN=abc");
        assertThat(out(delivered, GuestRun.Stream.OUT)).isEqualTo("token=abc\n");
        assertThat(delivered.exitCode).isZero();
    }

    /** Only declared parameters fail: the model does not know the guest's other variables. */
    @Test
    void otherUnsetNamesAndGuardedReferencesDoNotFail() {
        GuestRun run = run("set -eu\necho \"home=$HOME\"\nfor f in a b; do echo \"$f\"; done\n"
                + "[ -n \"${TOKEN:-}\" ] && echo \"$TOKEN\"\necho \"${TOKEN:-none} ${OTHER-x}\"\n"
                + "if [ -n \"${TOKEN:-}\" ]; then echo \"$TOKEN\"; fi\n", "TOKEN=");
        assertThat(run.exitCode).isZero();
        assertThat(out(run, GuestRun.Stream.OUT)).isEqualTo("home=\na\nb\nnone x\n");
    }

    @Test
    void aParameterTheScriptAssignsIsNotFailed() {
        for (String assignment : List.of("TOKEN=x", "export TOKEN=x", "read TOKEN <<<x", "for TOKEN in a; do :; done",
                ": \"${TOKEN:=x}\"")) {
            GuestRun run = run("set -u\n" + assignment + "\necho \"[$TOKEN]\"\n", "TOKEN=");
            assertThat(run.exitCode).as(assignment).isZero();
        }
        GuestRun checked = run("echo \"${TOKEN:?TOKEN is required}\"\n", "TOKEN=");
        assertThat(out(checked, GuestRun.Stream.ERR)).isEqualTo(PATH + ": line 1: TOKEN: TOKEN is required\n");
        assertThat(checked.exitCode).isEqualTo(1);
    }

    /** Bash manual, read: "The exit status is zero, unless end-of-file is encountered" (the handler's stdin is empty). */
    @Test
    void readAtEndOfInputFailsUnderErrexit() {
        GuestRun run = run("set -e\nread ANSWER\necho never\n");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(out(run, GuestRun.Stream.OUT)).isEmpty();
    }

    @Test
    void echoPrintfSleepAndExit() {
        GuestRun run = run("echo one\nsleep 30\nprintf '%s=%03d\\n' n 7 >&2\nsleep 1m\necho -n two 1>&2\n"
                + "echo hidden >/dev/null\nexit 5\necho never\n");
        assertThat(out(run, GuestRun.Stream.OUT)).isEqualTo("one\n");
        assertThat(out(run, GuestRun.Stream.ERR)).isEqualTo("n=007\ntwo");
        assertThat(run.end).isEqualTo(90.0);
        assertThat(run.exitCode).isEqualTo(5);
        assertThat(run.chunks.get(1).at()).isEqualTo(30.0);
    }

    /**
     * A file written with a here-document and run later: as a child process it gets only exported variables; run
     * by sudo it gets none of them unless --preserve-env lists them (sudo(8) --preserve-env=list; sudoers(5)
     * env_reset). A wrapper that forgets the list fails in the wrapped script, and the wrapper goes on (no -e).
     */
    @Test
    void aSudoWrapperPassesOnlyThePreservedNames() {
        String wrapper = "#!/bin/bash\nset -u\npath=$(mktemp)\ncat > \"$path\" <<'SCRIPT'\n#!/bin/bash\nset -u\n"
                + "echo \"token has ${#TOKEN} chars\"\nSCRIPT\nchmod +x \"$path\"\n%s \"$path\"\necho \"wrapper: $?\"\n";
        GuestRun forgot = run(String.format(wrapper, "sudo -H -u builder --"), "TOKEN=secret");
        assertThat(out(forgot, GuestRun.Stream.ERR)).isEqualTo("/tmp/tmp.0000000001: line 3: TOKEN: unbound variable\n");
        assertThat(out(forgot, GuestRun.Stream.OUT)).isEqualTo("wrapper: 1\n");
        assertThat(forgot.exitCode).isZero();

        GuestRun listed = run(String.format(wrapper, "sudo -H -u builder --preserve-env=TOKEN,OTHER --"),
                "TOKEN=secret");
        assertThat(out(listed, GuestRun.Stream.OUT)).isEqualTo("token has 6 chars\nwrapper: 0\n");

        for (String runner : List.of("bash", "sh", "")) {
            GuestRun direct = run(String.format(wrapper, runner),
                    "TOKEN=secret");
            assertThat(out(direct, GuestRun.Stream.OUT)).as(runner).isEqualTo("token has 6 chars\nwrapper: 0\n");
        }
    }

    @Test
    void anUnexportedVariableDoesNotReachAChildScript() {
        GuestRun run = run("set -u\nTOKEN=local\ncat > /tmp/child.sh <<'EOF'\nset -u\necho \"$TOKEN\"\nEOF\n"
                + "bash /tmp/child.sh\nexport TOKEN\nbash /tmp/child.sh\n", "TOKEN=");
        assertThat(out(run, GuestRun.Stream.ERR)).isEqualTo("/tmp/child.sh: line 2: TOKEN: unbound variable\n");
        assertThat(out(run, GuestRun.Stream.OUT)).isEqualTo("local\n");
    }

    /**
     * waagent -deprovision stops the agent first (WALinuxAgent deprovision/default.py). Detached forms return at
     * once: nohup ... &, ( ... ) &, ... & disown, systemd-run, echo ... | at now (systemd-run(1), at(1)); setsid
     * forks only with -f (util-linux setsid(1)), otherwise the script waits for it.
     */
    @Test
    void detachedCommandsReturnAtOnceAndTheirEffectsComeLater() {
        assertThat(changes(run("waagent -force -deprovision+user\necho done\n")))
                .containsExactly("AGENT_STOPPED@0/FOREGROUND", "GENERALIZED@20/FOREGROUND");
        for (String detached : List.of("nohup sh -c 'sleep 5; waagent -force -deprovision+user' >/dev/null 2>&1 &",
                "(sleep 5; waagent -force -deprovision+user) &", "sh -c 'sleep 5; waagent -deprovision+user' & disown",
                "systemd-run --unit=dp sh -c 'sleep 5; waagent -force -deprovision+user'",
                "echo 'sleep 5; waagent -force -deprovision+user' | at now",
                "setsid -f sh -c 'sleep 5; waagent -force -deprovision+user'")) {
            GuestRun run = run(detached + "\necho started\n");
            assertThat(run.end).as(detached).isEqualTo(0.0);
            assertThat(changes(run).get(0)).as(detached).startsWith("AGENT_STOPPED@5/");
        }
        GuestRun blocking = run("setsid sh -c 'sleep 5; waagent -force -deprovision+user'\necho after\n");
        assertThat(blocking.end).isEqualTo(25.0);
        assertThat(changes(run("waagent -force -deprovision+user && shutdown -h now\n")))
                .contains("POWERED_OFF@20/FOREGROUND");
    }

    @Test
    void scriptsBeyondTheSubsetAreAcceptedAndOtherInterpretersAreNotModelled() {
        GuestRun unparsed = run("case $x in\n a) echo ;; \nesac\nif then fi (\nwaagent -deprovision+user -force\n");
        assertThat(unparsed.exitCode).isZero();
        assertThat(changes(unparsed)).contains("AGENT_STOPPED@0/FOREGROUND");
        GuestRun python = run("#!/usr/bin/env python3\nimport sys\nsys.exit(3)\n");
        assertThat(python.exitCode).isZero();
        assertThat(python.chunks).isEmpty();
    }

    /**
     * Bash manual: an unquoted here-document's body is expanded (so an undelivered parameter fails it under set -u,
     * in the pipeline's subshell); with pipefail that failure is the pipeline's status and set -e ends the script;
     * a trap on EXIT runs when the shell exits.
     */
    @Test
    void pipefailErrexitAndAnExitTrap() {
        String script = "#!/usr/bin/env bash\nset -euo pipefail\ntrap 'echo cleanup' EXIT\n"
                + "cat <<EOF | sudo tee /etc/app.conf >/dev/null\nuser=$APP_USER\nEOF\necho after\n";
        GuestRun failed = run(script, "APP_USER=");
        assertThat(out(failed, GuestRun.Stream.ERR)).isEqualTo(PATH + ": line 4: APP_USER: unbound variable\n");
        assertThat(out(failed, GuestRun.Stream.OUT)).isEqualTo("cleanup\n");
        assertThat(failed.exitCode).isEqualTo(1);
        GuestRun withoutPipefail = run(script.replace("-euo pipefail", "-eu"), "APP_USER=");
        assertThat(out(withoutPipefail, GuestRun.Stream.OUT)).isEqualTo("after\ncleanup\n");
        assertThat(withoutPipefail.exitCode).isZero();
    }

    @Test
    void functionsEvalAndExecRedirections() {
        GuestRun run = run("greet() {\n  local who=\"${1:-world}\"\n  echo \"hello $who\"\n  return 3\n}\n"
                + "greet there || echo \"status $?\"\neval 'echo evaluated'\nexec >/tmp/log 2>&1\necho into-the-log\n");
        assertThat(out(run, GuestRun.Stream.OUT)).isEqualTo("hello there\nstatus 3\nevaluated\n");
        assertThat(run.chunks.stream().map(c -> new String(c.bytes(), StandardCharsets.UTF_8))
                .collect(Collectors.joining())).doesNotContain("into-the-log");
    }
}

package dev.imagebaker.azureimage.bake.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper every project script runs in, run for real by bash, as the Linux run command handler runs it
 * (run-command-handler-linux, internal/exec/exec.go: /bin/bash, named parameters as environment variables, empty
 * ones not set). For runAs scripts a stand-in for sudo behaves as sudo(8) does by default: env_reset keeps only the
 * names given to --preserve-env.
 */
class ScriptWrapperTest {
    /** sudo(8) as the handler meets it: a reset environment plus the preserved names, then the command. */
    private static final String FAKE_SUDO = String.join("\n",
            "#!/bin/bash",
            "printf '%s\\n' \"$@\" > \"$SUDO_ARGV_FILE\"",
            "keep=()",
            "while [ $# -gt 0 ]; do",
            "  case \"$1\" in",
            "    -H) shift ;;",
            "    -u) shift 2 ;;",
            "    --preserve-env=*) IFS=, read -ra names <<< \"${1#--preserve-env=}\"; for n in \"${names[@]}\"; do"
                    + " if [ -n \"${!n+x}\" ]; then keep+=(\"$n=${!n}\"); fi; done; shift ;;",
            "    --) shift; break ;;",
            "    *) break ;;",
            "  esac",
            "done",
            "exec env -i PATH=\"$PATH\" \"${keep[@]}\" \"$@\"",
            "");
    private static final String SECRET = "s3cr3t&value with spaces";

    @TempDir
    Path dir;
    private Path bin;

    @BeforeEach
    void fakeSudo() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash runs the wrapper as the handler does");
        bin = Files.createDirectories(dir.resolve("bin"));
        Path sudo = bin.resolve("sudo");
        Files.writeString(sudo, FAKE_SUDO);
        sudo.toFile().setExecutable(true);
    }

    /** Runs the wrapper with the secret as the handler would set it (a protected parameter's variable). */
    private Result run(String wrapper) throws Exception {
        Path script = dir.resolve("wrapper.sh");
        Files.writeString(script, wrapper);
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", script.toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("DB_PASSWORD", SECRET);
        pb.environment().put("SUDO_ARGV_FILE", dir.resolve("sudo-argv").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }

    private static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("APP_HOME", "/opt/app");
        environment.put("QUOTED", "it's \"$HOME\" & more");
        environment.put("EMPTY", "");
        return environment;
    }

    private static final String USER_SCRIPT = String.join("\n",
            "#!/bin/bash",
            "set -eu",
            "echo \"home=$APP_HOME quoted=$QUOTED empty=[$EMPTY] secret=$DB_PASSWORD\"",
            "exit 7");

    @Test
    void theScriptGetsEveryValueEvenEmptyOnesAndItsExitCode() throws Exception {
        String wrapper = ScriptWrapper.linux("20-app.sh", USER_SCRIPT, null, environment(), List.of("DB_PASSWORD"),
                dir.resolve("run").toString());
        Result result = run(wrapper);
        assertThat(result.output()).contains("home=/opt/app quoted=it's \"$HOME\" & more empty=[] secret=" + SECRET);
        assertThat(result.exit()).isEqualTo(7);
        assertThat(wrapper).doesNotContain(SECRET);
        assertThat(dir.resolve("run")).isEmptyDirectory();
    }

    @Test
    void aRunAsScriptGetsItsValuesThroughSudoWithoutThemOnTheCommandLine() throws Exception {
        String user = System.getProperty("user.name");
        String wrapper = ScriptWrapper.linux("20-app.sh", USER_SCRIPT, user, environment(), List.of("DB_PASSWORD"),
                dir.resolve("run").toString());
        Result result = run(wrapper);
        assertThat(result.output()).contains("home=/opt/app quoted=it's \"$HOME\" & more empty=[] secret=" + SECRET);
        assertThat(result.exit()).isEqualTo(7);
        String argv = Files.readString(dir.resolve("sudo-argv"));
        assertThat(argv).contains("-u\n" + user).contains("--preserve-env=APP_HOME,DB_PASSWORD,EMPTY,QUOTED")
                .doesNotContain("s3cr3t").doesNotContain("/opt/app");
    }

    /** The stand-in for sudo is strict enough to catch a wrapper that forgets the names: the test can fail. */
    @Test
    void withoutPreserveEnvTheRunAsScriptWouldLoseItsValues() throws Exception {
        String wrapper = ScriptWrapper.linux("20-app.sh", USER_SCRIPT, System.getProperty("user.name"),
                environment(), List.of("DB_PASSWORD"), dir.resolve("run").toString())
                .replaceAll(" --preserve-env=\\S+", "");
        Result result = run(wrapper);
        assertThat(result.output()).contains("APP_HOME: unbound variable");
        assertThat(result.exit()).isNotZero();
    }

    @Test
    void windowsValuesTravelBase64EncodedAndAScriptThatWouldEndTheHereStringToo() {
        assertThat(new String(Base64.getDecoder().decode(ScriptWrapper.windowsValue(SECRET)), StandardCharsets.UTF_8))
                .isEqualTo(SECRET);
        assertThat(ScriptWrapper.windowsValue("https://a.blob/x?sv=1&sig=a%2Bb")).matches("[A-Za-z0-9+/=]+");
        String plain = ScriptWrapper.windows("Write-Output 'hi'\n", Map.of("A", "it's"), List.of("S"));
        assertThat(plain).contains("@'\nWrite-Output 'hi'\n\n'@").contains("$azimgValues['A'] = 'it''s'")
                .contains("param([string]$S = '')");
        String tricky = ScriptWrapper.windows("$x = @'\nabc\n'@\n", Map.of(), List.of());
        assertThat(tricky).contains("FromBase64String('").doesNotContain("\nabc\n");
    }
}

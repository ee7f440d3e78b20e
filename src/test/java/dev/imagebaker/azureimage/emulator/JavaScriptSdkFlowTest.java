package dev.imagebaker.azureimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second, independent client: src/test/js/flow.mjs drives the bake flow with the Azure SDK for JavaScript against
 * a standalone emulator over HTTPS, so that what the emulator answers is checked by more than the Java SDK it grew up
 * with. Node.js and npm are required: a machine without them fails here, loudly, rather than skipping the check.
 */
class JavaScriptSdkFlowTest {
    private static final Path FLOW = Path.of("src", "test", "js").toAbsolutePath();
    /** Written into node_modules after a successful npm ci; its content says which package files it installed. */
    private static final String STAMP = ".installed-lock.sha256";
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");

    @Test
    void theJavaScriptSdkRunsTheBakeFlow(@TempDir Path tmp) throws Exception {
        String nodeVersion = requireTool(node(), "node");
        requireTool(npm(), "npm");
        // package.json pins SDK packages that still run on Node 18, the version Debian and Ubuntu LTS package.
        assertThat(major(nodeVersion)).as("Node.js major version (node --version said " + nodeVersion
                + "); the flow needs Node.js 18 or newer. Fix: install a newer Node.js").isGreaterThanOrEqualTo(18);
        installIfStale();

        // A time scale above 0 makes long-running operations answer InProgress first, so the SDK's pollers poll;
        // this small one keeps the two-region replication to seconds.
        try (ArmEmulator emulator = ArmEmulator.builder().timeScale(0.002).start()) {
            Path ca = tmp.resolve("emulator.pem");
            Files.writeString(ca, emulator.certificatePem(), StandardCharsets.US_ASCII);
            // The certificate is trusted through NODE_EXTRA_CA_CERTS, so TLS stays verified.
            // A machine's HTTPS_PROXY must not carry loopback traffic: the SDK honours NO_PROXY.
            String noProxy = loopbackNoProxy();
            int exit = run(List.of(node(), "flow.mjs"), Duration.ofMinutes(5), Map.of(
                    "ARM_ENDPOINT", emulator.endpoint().toString(),
                    "AZURE_SUBSCRIPTION_ID", ArmEmulator.DEFAULT_SUBSCRIPTION,
                    "NODE_EXTRA_CA_CERTS", ca.toString(),
                    "NO_PROXY", noProxy, "no_proxy", noProxy));
            assertThat(exit).as("exit status of node flow.mjs (its output above names the failing step)").isZero();
        }
    }

    /**
     * Runs npm ci unless node_modules holds what package.json and package-lock.json pin (checked by their hash, as
     * file times change with every checkout).
     */
    private static void installIfStale() throws Exception {
        String lock = sha256(FLOW.resolve("package.json"), FLOW.resolve("package-lock.json"));
        Path stamp = FLOW.resolve("node_modules").resolve(STAMP);
        if (Files.isRegularFile(stamp) && Files.readString(stamp).trim().equals(lock)) {
            return;
        }
        // --prefer-offline: a warm npm cache serves every package without the network; a fresh machine downloads.
        int exit = run(List.of(npm(), "ci", "--prefer-offline", "--no-audit", "--no-fund"), Duration.ofMinutes(10),
                Map.of());
        assertThat(exit).as("exit status of npm ci in " + FLOW + " (its output above says why)").isZero();
        Files.writeString(stamp, lock + "\n");
    }

    /** Fails unless the command answers --version; returns what it answered. */
    private static String requireTool(String command, String name) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return version;
            }
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fail("'" + name + "' is not on the PATH, and JavaScriptSdkFlowTest needs Node.js 18 or newer with npm"
                + " to run src/test/js/flow.mjs. Fix: install Node.js and npm (Debian/Ubuntu: apt-get install -y"
                + " nodejs npm; .ci/run does this on a fresh machine).");
    }

    private static String loopbackNoProxy() {
        String existing = System.getenv("NO_PROXY") != null ? System.getenv("NO_PROXY") : System.getenv("no_proxy");
        return (existing == null || existing.isBlank() ? "" : existing + ",") + "127.0.0.1,localhost";
    }

    /** The major version in node's answer, e.g. 20 for v20.11.1; 0 when it cannot be read. */
    private static int major(String version) {
        Matcher m = Pattern.compile("v?(\\d+)\\.").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Runs a command in src/test/js, echoing its output line by line as it comes; returns its exit status. */
    private static int run(List<String> command, Duration timeout, Map<String, String> env) throws Exception {
        System.out.println("[js-flow] $ " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(FLOW.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        Thread echo = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println("[js-flow] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                System.out.println("[js-flow] (output lost: " + e + ")");
            }
        }, "js-flow-output");
        echo.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            echo.join(5_000);
            fail(String.join(" ", command) + " did not finish within " + timeout);
        }
        echo.join(5_000);
        return process.exitValue();
    }

    private static String node() {
        return WINDOWS ? "node.exe" : "node";
    }

    /** npm is a script; Windows starts it through its .cmd wrapper. */
    private static String npm() {
        return WINDOWS ? "npm.cmd" : "npm";
    }

    private static String sha256(Path... files) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Path file : files) {
            digest.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

package dev.imagebaker.azureimage.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Offline checks of a script, before anything is created in Azure: valid UTF-8; no CRLF line endings in a shell
 * script (the classic "$'\r': command not found"); and {@code bash -n} syntax for shell scripts where bash is
 * installed.
 */
public final class ScriptChecks {
    private static final String BASH = findBash();

    private ScriptChecks() {
    }

    /** One thing wrong with a script, and how to fix it. */
    public record Finding(String problem, String fix) {
        @Override
        public String toString() {
            return problem + " " + fix;
        }
    }

    /** What is wrong with the script; empty when it passes. */
    public static List<Finding> check(String name, byte[] content, OsType os) {
        List<Finding> problems = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new Finding(name + " is not valid UTF-8 (" + e.getMessage() + ").", "Save it as UTF-8."));
            return problems;
        }
        if (os == OsType.LINUX) {
            int crlf = text.indexOf("\r\n");
            if (crlf >= 0) {
                int line = text.substring(0, crlf).split("\n", -1).length;
                problems.add(new Finding(name + " has Windows (CRLF) line endings from line " + line + " on; bash"
                        + " would fail with \"$'\\r': command not found\".", "Convert it to LF (dos2unix, or"
                        + " .gitattributes: *.sh text eol=lf)."));
            } else {
                String syntax = bashSyntax(name, content);
                if (syntax != null) {
                    problems.add(new Finding(name + " has a syntax error (bash -n): " + syntax, "Correct the"
                            + " script; bash -n " + name + " shows the error locally."));
                }
            }
        }
        return problems;
    }

    /** Whether bash -n can check syntax on this machine. */
    /**
     * True when the script has nothing to run: no line but blanks and comments (a shebang is a comment too). Both
     * shells take '#' as a line comment; PowerShell's rare block comments count as commands, so this never warns
     * wrongly.
     */
    public static boolean hasNoCommands(byte[] content) {
        return new String(content, StandardCharsets.UTF_8).lines().map(String::strip)
                .allMatch(line -> line.isEmpty() || line.startsWith("#"));
    }

    public static boolean bashAvailable() {
        return BASH != null;
    }

    private static String findBash() {
        for (String candidate : new String[] {"/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static String bashSyntax(String name, byte[] content) {
        if (BASH == null) {
            return null;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("azure-image-check", ".sh");
            Files.write(tmp, content);
            Process bash = new ProcessBuilder(BASH, "-n", tmp.toString()).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!bash.waitFor(20, TimeUnit.SECONDS)) {
                bash.destroyForcibly();
                return null;
            }
            return bash.exitValue() == 0 ? null : output.replace(tmp.toString(), name).strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file the OS will clean
                }
            }
        }
    }
}

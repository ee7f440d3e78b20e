package dev.imagebaker.azureimage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ScriptChecksTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCleanScriptPasses() {
        assertThat(ScriptChecks.check("10-ok.sh", utf8("#!/bin/sh\nset -eu\necho 'héllo'\n"), OsType.LINUX)).isEmpty();
    }

    @Test
    void aScriptOfCommentsAndBlanksHasNoCommands() {
        assertThat(ScriptChecks.hasNoCommands(utf8(""))).isTrue();
        assertThat(ScriptChecks.hasNoCommands(utf8("#!/bin/bash\n\n  # TODO install packages\n"))).isTrue();
        assertThat(ScriptChecks.hasNoCommands(utf8("#!/bin/bash\n  apt-get update # refresh\n"))).isFalse();
        assertThat(ScriptChecks.hasNoCommands(utf8("<#\n block\n#>\n"))).isFalse();
    }

    @Test
    void crlfLineEndingsAreRefusedInShellScriptsWithTheLine() {
        assertThat(ScriptChecks.check("10-dos.sh", utf8("#!/bin/sh\necho one\r\necho two\r\n"), OsType.LINUX))
                .singleElement().asString().contains("10-dos.sh has Windows (CRLF) line endings from line 2")
                .contains("$'\\r': command not found").contains("dos2unix");
    }

    @Test
    void crlfIsFineInPowerShell() {
        assertThat(ScriptChecks.check("10-win.ps1", utf8("Write-Output 1\r\nWrite-Output 2\r\n"), OsType.WINDOWS))
                .isEmpty();
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] latin1 = "echo caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ScriptChecks.check("10-latin1.sh", latin1, OsType.LINUX)).singleElement().asString()
                .contains("is not valid UTF-8");
    }

    @Test
    void bashSyntaxErrorsAreReportedWithTheScriptName() {
        Assumptions.assumeTrue(ScriptChecks.bashAvailable(), "bash is not installed here");
        assertThat(ScriptChecks.check("20-broken.sh", utf8("if [ -f /x ]; then\n  echo yes\n"), OsType.LINUX))
                .singleElement().asString().contains("20-broken.sh has a syntax error (bash -n)")
                .contains("20-broken.sh: line");
    }
}

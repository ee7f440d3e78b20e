package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.RunCommandRequest;
import dev.imagebaker.azureimage.bake.cloud.ScriptRun;
import dev.imagebaker.azureimage.bake.guest.ScriptExecution;
import dev.imagebaker.azureimage.bake.guest.ScriptWrapper;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the staged files in place in the guest with one run command: each is downloaded through a read-only SAS
 * (a protected parameter: never logged, never returned by Azure) and checked against its SHA-256 before it is
 * installed with its owner and mode.
 */
final class InstallFilesStep implements Step<BakeContext> {
    static final String LINUX = String.join("\n",
            "#!/bin/sh",
            "# Installs the files the bake staged; each is checked against its SHA-256 before it is put in place.",
            "set -eu",
            "fetch() {",
            "  if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 5 --retry-delay 2 -o \"$2\" \"$1\"",
            "  elif command -v wget >/dev/null 2>&1; then wget -q -O \"$2\" \"$1\"",
            "  else python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])'"
                    + " \"$1\" \"$2\"; fi",
            "}",
            "i=1",
            "while [ \"$i\" -le \"$FILE_COUNT\" ]; do",
            "  # Owner and mode are optional: Azure sets no variable for them then (it skips empty parameters).",
            "  eval \"url=\\$FILE_${i}_URL sha=\\$FILE_${i}_SHA256 dest=\\$FILE_${i}_DESTINATION"
                    + " owner=\\${FILE_${i}_OWNER:-} mode=\\${FILE_${i}_MODE:-} archive=\\$FILE_${i}_ARCHIVE\"",
            "  tmp=$(mktemp)",
            "  fetch \"$url\" \"$tmp\"",
            "  if ! echo \"$sha  $tmp\" | sha256sum -c --status; then",
            "    echo \"SHA-256 of the download for $dest does not match: it is corrupt\" >&2; rm -f \"$tmp\"; exit 3",
            "  fi",
            "  if [ \"$archive\" = true ]; then",
            "    mkdir -p \"$dest\" && tar -xzf \"$tmp\" -C \"$dest\"",
            "    if [ -n \"$mode\" ]; then find \"$dest\" -type f -exec chmod \"$mode\" {} +; fi",
            "    if [ -n \"$owner\" ]; then chown -R \"$owner\" \"$dest\"; fi",
            "  else",
            "    mkdir -p \"$(dirname \"$dest\")\" && install -m \"${mode:-0644}\" \"$tmp\" \"$dest\"",
            "    if [ -n \"$owner\" ]; then chown \"$owner\" \"$dest\"; fi",
            "  fi",
            "  rm -f \"$tmp\"",
            "  echo \"installed $dest (sha256 $sha)\"",
            "  i=$((i + 1))",
            "done");
    static final String WINDOWS_BODY = String.join("\n",
            "$ErrorActionPreference = 'Stop'",
            "$ProgressPreference = 'SilentlyContinue'",
            "for ($i = 1; $i -le [int]$env:FILE_COUNT; $i++) {",
            "  $url = [Environment]::GetEnvironmentVariable(\"FILE_${i}_URL\")",
            "  $sha = [Environment]::GetEnvironmentVariable(\"FILE_${i}_SHA256\")",
            "  $dest = [Environment]::GetEnvironmentVariable(\"FILE_${i}_DESTINATION\")",
            "  $archive = [Environment]::GetEnvironmentVariable(\"FILE_${i}_ARCHIVE\")",
            "  $tmp = Join-Path $env:TEMP (\"azimg-file-$i\" + $(if ($archive -eq 'true') { '.zip' } else { '' }))",
            "  Invoke-WebRequest -UseBasicParsing -Uri $url -OutFile $tmp",
            "  if ((Get-FileHash -Algorithm SHA256 $tmp).Hash -ne $sha.ToUpperInvariant()) {",
            "    Remove-Item $tmp; Write-Error \"SHA-256 of the download for $dest does not match: it is corrupt\";"
                    + " exit 3",
            "  }",
            "  if ($archive -eq 'true') {",
            "    New-Item -ItemType Directory -Force -Path $dest | Out-Null",
            "    Expand-Archive -Path $tmp -DestinationPath $dest -Force; Remove-Item $tmp",
            "  } else {",
            "    New-Item -ItemType Directory -Force -Path (Split-Path $dest) | Out-Null",
            "    Move-Item -Force -Path $tmp -Destination $dest",
            "  }",
            "  Write-Output \"installed $dest (sha256 $sha)\"",
            "}");

    @Override
    public String title(BakeContext ctx) {
        return "Install " + ctx.config.files().size() + " file(s) in the guest, checked by SHA-256";
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        List<Payloads.Payload> payloads = ctx.payloads();
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, Secret> urls = new LinkedHashMap<>();
        parameters.put("FILE_COUNT", String.valueOf(payloads.size()));
        Duration timeout = ctx.config.timeouts().script();
        for (int i = 1; i <= payloads.size(); i++) {
            Payloads.Payload p = payloads.get(i - 1);
            // Valid as long as the download may take, and not much longer.
            urls.put("FILE_" + i + "_URL", ctx.cloud.staging().readUrl(ctx.staging, p.blobName(i),
                    timeout.plusMinutes(10)));
            parameters.put("FILE_" + i + "_SHA256", p.sha256());
            parameters.put("FILE_" + i + "_DESTINATION", p.copy().destination());
            if (p.copy().owner() != null) {
                parameters.put("FILE_" + i + "_OWNER", p.copy().owner());
            }
            if (p.copy().mode() != null) {
                parameters.put("FILE_" + i + "_MODE", p.copy().mode());
            }
            parameters.put("FILE_" + i + "_ARCHIVE", String.valueOf(p.archive()));
        }
        RunCommandRequest request = ctx.config.osType() == OsType.LINUX
                ? ScriptExecution.request(ctx.cloud, ctx.staging, ctx.vm, "azimg-install-files", LINUX, timeout, parameters,
                        urls)
                : windows(ctx, timeout, parameters, urls);
        ScriptRun run = ctx.cloud.vms().runScript(ctx.vm, request, line -> ctx.progress.info("      | "
                + (line.error() ? "(stderr) " : "") + line.text()));
        if (!run.succeeded()) {
            throw new StepFailedException(title(ctx), resource(ctx), null, "Installing the files failed with exit code "
                    + run.exitCode() + " (" + run.executionState() + ")." + ScriptExecution.tail(run.error()),
                    run.exitCode() != null && run.exitCode() == 3 ? "A download arrived corrupt: build again."
                            : "Check that the guest can reach Azure Storage over HTTPS (a proxy or firewall?),"
                            + " and that curl or wget is installed.", null);
        }
        return StepResult.CONTINUE;
    }

    /**
     * Windows gets parameters unquoted on a command line, where a SAS URL's {@code &} breaks: the values go into
     * the wrapper, the URLs travel base64-encoded as protected parameters.
     */
    private static RunCommandRequest windows(BakeContext ctx, Duration timeout, Map<String, String> values,
                                             Map<String, Secret> urls) {
        Map<String, Secret> encoded = new LinkedHashMap<>();
        urls.forEach((name, url) -> encoded.put(name, new Secret(ScriptWrapper.windowsValue(url.reveal()))));
        return ScriptExecution.request(ctx.cloud, ctx.staging, ctx.vm, "azimg-install-files", ScriptWrapper.wrap(
                OsType.WINDOWS, "install-files.ps1", WINDOWS_BODY, null, values, urls.keySet()), timeout, Map.of(),
                encoded);
    }
}

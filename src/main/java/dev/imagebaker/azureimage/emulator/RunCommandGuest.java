package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the run command handler in the guest does with one run, in its order (run-command-handler-linux
 * internal/cmds/cmds.go enable): check that exactly one of source.script and source.scriptUri is given, download
 * the script, create (or empty) the output and error append blobs, then run the script, Linux or Windows. A
 * failure before the script runs is the handler's, with its own exit code and message. The Windows handler
 * (RunCommandHandlerWindows) is not open source: the Linux handler's codes and texts stand in for it.
 */
final class RunCommandGuest {
    static final String LINUX_DOCS = "https://aka.ms/RunCommandManagedLinux";

    /** The secrets of a run, which the emulator keeps in memory only: never in the inventory or the state file. */
    record Secrets(JsonNode protectedParameters, String runAsPassword, String scriptUrl, String outputBlobUrl,
                   String errorBlobUrl) {
        Secrets orElse(Secrets previous) {
            return previous == null ? this : new Secrets(
                    protectedParameters != null ? protectedParameters : previous.protectedParameters,
                    runAsPassword != null ? runAsPassword : previous.runAsPassword,
                    scriptUrl != null ? scriptUrl : previous.scriptUrl,
                    outputBlobUrl != null ? outputBlobUrl : previous.outputBlobUrl,
                    errorBlobUrl != null ? errorBlobUrl : previous.errorBlobUrl);
        }

        /**
         * Takes the secrets out of a run command's properties: protected parameters and the run-as password are
         * write-only on Azure; blob and script URIs are kept without their query, since a SAS is a secret (CRP
         * passes the SAS to the handler apart from the URI: handlersettings OutputBlobSASToken, SourceSASToken).
         */
        static Secrets take(com.fasterxml.jackson.databind.node.ObjectNode props) {
            JsonNode protectedParameters = props.remove("protectedParameters");
            JsonNode password = props.remove("runAsPassword");
            JsonNode source = props.get("source");
            return new Secrets(protectedParameters, password == null ? null : password.asText(),
                    source instanceof com.fasterxml.jackson.databind.node.ObjectNode s ? withoutQuery(s, "scriptUri")
                            : null, withoutQuery(props, "outputBlobUri"), withoutQuery(props, "errorBlobUri"));
        }

        private static String withoutQuery(com.fasterxml.jackson.databind.node.ObjectNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                return null;
            }
            String url = value.asText();
            int q = url.indexOf('?');
            node.put(field, q < 0 ? url : url.substring(0, q));
            return url;
        }
    }

    /** The modelled run and the blobs its streams go to. */
    record Plan(GuestRun run, List<GuestExecution.Sink> sinks) {
    }

    private final CloudState cloud;
    private final BlobApi blobs;
    private final GuestDownloads downloads;

    RunCommandGuest(CloudState cloud, BlobApi blobs) {
        this.cloud = cloud;
        this.blobs = blobs;
        this.downloads = new GuestDownloads(blobs);
    }

    static boolean windows(Resource vm) {
        return "Windows".equals(vm.state.path("osType").asText());
    }

    /** The handler's part, then the script's: what the guest will do, worked out now. */
    Plan plan(Resource vm, String runName, int sequence, JsonNode props, Secrets secrets, String baseUrl,
              Instant start) {
        JsonNode source = props.path("source");
        String script = text(source, "script");
        String scriptUri = text(source, "scriptUri");
        boolean builtIn = text(source, "commandId") != null || text(source, "galleryScriptReferenceId") != null;
        if (!builtIn && (script == null) == (scriptUri == null)) {
            // handlersettings.go validate(): errSourceNotSpecified, wrapped by GetHandlerSettings and enable().
            return failure(-202, "failed to get configuration: invalid configuration: Either 'source.script' or"
                    + " 'source.scriptUri' has to be specified");
        }
        if (scriptUri != null) {
            try {
                script = new String(blobs.fetch(secrets.scriptUrl(), baseUrl).content(), StandardCharsets.UTF_8);
            } catch (BlobException failed) {
                return failure(-100, "File downloads failed. Use either a public script URI that points to .sh"
                        + " file, Azure storage blob SAS URI or storage blob accessible by a managed identity and"
                        + " retry. If managed identity is used, make sure it has been given access to container of"
                        + " storage blob '" + scriptUri + "' with 'Storage Blob Data Reader' role assignment. In case"
                        + " of user-assigned identity, make sure you add it under VM's identity. For more info, refer "
                        + LINUX_DOCS + ": failed to download file " + scriptUri + ". : " + storageError(failed));
            }
        }
        List<GuestExecution.Sink> sinks = new ArrayList<>();
        for (String[] blob : new String[][] {{"outputBlobUri", secrets.outputBlobUrl()},
            {"errorBlobUri", secrets.errorBlobUrl()}}) {
            String uri = text(props, blob[0]);
            if (uri == null) {
                continue;
            }
            try {
                blobs.createAppendBlob(blob[1], baseUrl);
            } catch (BlobException failed) {
                return failure(-101, "Error creating AppendBlob '" + uri + "' using SAS token or Managed identity."
                        + " Please use a valid blob SAS URI with [read, append, create, write] permissions OR managed"
                        + " identity. If managed identity is used, make sure Azure blob and identity exist, and"
                        + " identity has been given access to storage blob's container with 'Storage Blob Data"
                        + " Contributor' role assignment. In case of user-assigned identity, make sure you add it"
                        + " under VM's identity and provide outputBlobUri / errorBlobUri and corresponding clientId in"
                        + " outputBlobManagedIdentity / errorBlobManagedIdentity parameter(s). In case of"
                        + " system-assigned identity, do not use outputBlobManagedIdentity / errorBlobManagedIdentity"
                        + " parameter(s). For more info, refer " + LINUX_DOCS + ": Creating or Replacing append blob"
                        + " failed.: " + storageError(failed));
            }
            sinks.add(new GuestExecution.Sink(blob[1], blob[0].startsWith("output") ? GuestRun.Stream.OUT
                    : GuestRun.Stream.ERR));
        }
        List<Map.Entry<String, String>> parameters = parameters(props.get("parameters"),
                secrets.protectedParameters());
        FaultRule hang = cloud.faults.take(FaultRule.Kind.SCRIPT_HANG, RUN_COMMAND_WRITE, runName);
        FaultRule exit = cloud.faults.take(FaultRule.Kind.SCRIPT_EXIT, RUN_COMMAND_WRITE, runName);
        GuestRun run = windows(vm) ? windowsRun(vm, script == null ? "" : script, parameters, hang != null, start)
                : linuxRun(runName, sequence, props, script == null ? "" : script, parameters, hang != null);
        Map<String, String> delivered = delivered(parameters, !windows(vm) && text(props, "runAsUser") != null);
        return new Plan(outcome(run, exit, downloads.check(delivered, baseUrl)), sinks);
    }

    static final String RUN_COMMAND_WRITE = "Microsoft.Compute/virtualMachines/runCommands/write";

    private static Plan failure(int exitCode, String message) {
        return new Plan(GuestRun.handlerFailure(exitCode, message), List.of());
    }

    /** The storage service's refusal, as the handler's storage client words it. */
    private static String storageError(BlobException e) {
        return "storage: service returned error: StatusCode=" + e.status + ", ErrorCode=" + e.code + ", ErrorMessage="
                + e.getMessage();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    /** Public parameters, then protected ones, as the handler reads them (exec.go SetEnvironmentVariables). */
    static List<Map.Entry<String, String>> parameters(JsonNode plain, JsonNode secret) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        for (JsonNode list : new JsonNode[] {plain, secret}) {
            if (list != null && list.isArray()) {
                list.forEach(p -> all.add(Map.entry(p.path("name").asText(""), p.path("value").asText(""))));
            }
        }
        return all;
    }

    /**
     * The named parameters the script finds in its environment: those with a value (exec.go sets an environment
     * variable only "if value != \"\""), later ones winning; none under runAsUser, where the handler runs
     * "echo <password> | sudo -S -u <user> <script>" and sudo's env_reset drops them.
     */
    private static Map<String, String> delivered(List<Map.Entry<String, String>> parameters, boolean runAs) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!runAs) {
            parameters.stream().filter(p -> !p.getKey().isEmpty() && !p.getValue().isEmpty())
                    .forEach(p -> env.put(p.getKey(), p.getValue()));
        }
        return env;
    }

    private GuestRun linuxRun(String runName, int sequence, JsonNode props, String script,
                              List<Map.Entry<String, String>> parameters, boolean stuck) {
        String runAs = text(props, "runAsUser");
        String suffix = "/download/" + runName + "/" + sequence + "/script.sh";
        String path = runAs == null ? "/var/lib/waagent/run-command-handler" + suffix
                : "/home/" + runAs + "/waagent/run-command-handler-runas" + suffix;
        Set<String> declared = new LinkedHashSet<>();
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> p : parameters) {
            if (!p.getKey().isEmpty()) {
                declared.add(p.getKey());
            } else if (!p.getValue().isEmpty()) {
                // Unnamed values are appended to the command line unquoted: the shell splits them.
                args.addAll(Arrays.asList(p.getValue().trim().split("\\s+")));
            }
        }
        return GuestShell.interpret(script, new GuestShell.Setup(path, delivered(parameters, runAs != null), args,
                declared, stuck));
    }

    private GuestRun windowsRun(Resource vm, String script, List<Map.Entry<String, String>> parameters,
                                boolean stuck, Instant start) {
        GuestRun run = GuestPowerShell.interpret(script, parameters, new GuestPowerShell.Guest() {
            @Override
            public String imageState(double at) {
                return WindowsImageState.at(vm, cloud.clock.at(start, at));
            }

            @Override
            public boolean sysprepStuck(double at) {
                return WindowsImageState.stuck(vm, cloud.clock.at(start, at));
            }

            @Override
            public String computerName() {
                return GuestFacts.computerName(vm);
            }
        }, stuck);
        // The guest's sysprep, if the script starts one, is known from now on to scripts that read ImageState.
        run.changes.stream().filter(c -> c.effect() == GuestRun.Effect.SYSPREP_STARTED).findFirst().ifPresent(s -> {
            Double done = run.changes.stream().filter(c -> c.effect() == GuestRun.Effect.GENERALIZED)
                    .map(GuestRun.Change::at).findFirst().orElse(null);
            WindowsImageState.sysprepPlanned(vm, cloud.clock.at(start, s.at()),
                    done == null ? null : cloud.clock.at(start, done));
        });
        return run;
    }

    /** A SCRIPT_EXIT fault replaces how the script ends; a failed download ends a script that would succeed. */
    private static GuestRun outcome(GuestRun run, FaultRule exit, GuestDownloads.Failure download) {
        if (exit != null) {
            double end = run.end == null ? 0 : run.end;
            run.chunks.clear();
            run.write(end, GuestRun.Stream.OUT, exit.stdout(), GuestRun.Job.FOREGROUND);
            run.write(end, GuestRun.Stream.ERR, exit.stderr(), GuestRun.Job.FOREGROUND);
            run.ends(end, exit.exitCode());
        } else if (download != null && run.end != null && run.exitCode == 0) {
            run.write(run.end, GuestRun.Stream.ERR, download.stderr() + "\n", GuestRun.Job.FOREGROUND);
            run.exitCode = download.exitCode();
        }
        return run;
    }
}

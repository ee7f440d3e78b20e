package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.FileCopy;
import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.ScriptSpec;
import dev.imagebaker.azureimage.config.SourceImage;
import dev.imagebaker.azureimage.config.VersionKind;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Computes the input fingerprint and looks for a version already baked from the same inputs: it is reused (no
 * VM, a handful of requests). A release whose version exists with other inputs is refused, saying what differs;
 * a snapshot gets a new version.
 */
final class FindExistingStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Look for " + ctx.definitionPath() + " versions baked from the same inputs";
    }

    @Override
    public String resource(BakeContext ctx) {
        return "image definition " + ctx.definitionPath();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        ctx.fingerprint = fingerprint(ctx);
        ctx.progress.info("      fingerprint " + ctx.fingerprint.digest().substring(0, 16) + "... over "
                + ctx.fingerprint.inputs().size() + " inputs");
        GalleryTarget g = ctx.config.gallery();
        boolean autoNamedSnapshot = ctx.config.kind() == VersionKind.SNAPSHOT && ctx.config.imageVersion().fixed() == null;
        Optional<VersionInfo> existing = autoNamedSnapshot
                ? ctx.cloud.galleries().versions(g.resourceGroup(), g.name(), ctx.config.definition()).stream()
                        .filter(v -> ctx.config.project().version().equals(v.tags().get(Tags.VERSION)))
                        .filter(v -> ctx.fingerprint.matches(v.tags()) && v.succeeded())
                        .max(Comparator.comparing(VersionInfo::version))
                : ctx.cloud.galleries().version(ctx.versionId());
        if (existing.isEmpty()) {
            return StepResult.CONTINUE;
        }
        VersionInfo version = existing.get();
        if (ctx.fingerprint.matches(version.tags()) && version.succeeded()) {
            ctx.version = version;
            ctx.progress.info("      reusing " + version.name() + ": baked by build "
                    + version.tags().get(Tags.BUILD_ID) + " from the same inputs; no VM is created");
            return StepResult.HALT;
        }
        List<String> differences = ctx.fingerprint.differencesFrom(version.tags()).stream()
                .map(d -> d.equals("source changed") ? "source changed from " + version.tags().get(Tags.SOURCE)
                        + " to " + ctx.source.resolved() : d).toList();
        if (!version.succeeded()) {
            differences = List.of("the existing version is " + version.provisioningState());
        }
        if (failedCandidate(version)) {
            // Publish refuses it and it was never latest: nobody can be using it, so the fixed bake takes its name.
            ctx.progress.info("      replacing " + version.name() + ": a candidate that failed its tests ("
                    + version.tags().get(Tags.TESTED_AT) + "), baked from other inputs: "
                    + String.join("; ", differences));
            ctx.cloud.galleries().deleteVersion(version.id(), ctx.config.timeouts().operation());
            return StepResult.CONTINUE;
        }
        throw new StepFailedException(title(ctx), "image version " + version.id(), null, "The image version "
                + version.name() + " already exists, baked from other inputs: " + String.join("; ", differences)
                + ". A version is never overwritten.", "Bump the project version (or <imageVersion>) to publish"
                + " the change; or restore the inputs of " + version.name() + " to reuse it.", null);
    }

    private static boolean failedCandidate(VersionInfo version) {
        return Tags.FAILED.equals(version.tags().get(Tags.TEST)) && version.excludeFromLatest();
    }

    /** A script as an input: its content and the options that change what it does. */
    static void addScript(Fingerprint.Builder builder, ScriptSpec script) {
        try {
            builder.add("script:" + script.name(), script.content() + "\nrunAs=" + script.runAs()
                    + "\nrestartAfter=" + script.restartAfter());
        } catch (IOException e) {
            throw new StepFailedException("fingerprint", script.name(), null, "Cannot read the script: "
                    + e.getMessage(), "Check that the file is readable.", e);
        }
    }

    /** Everything that goes into the image, in a fixed order. */
    static Fingerprint fingerprint(BakeContext ctx) {
        Fingerprint.Builder builder = Fingerprint.builder()
                .add("source", SourceImage.canonical(ctx.source.resolved()))
                .add("os", ctx.config.osType().azureName());
        for (ScriptSpec script : ctx.config.scripts()) {
            addScript(builder, script);
        }
        // Values, not secrets: a secret's value is never hashed into a tag.
        ctx.config.environment().forEach((name, value) -> builder.add("env:" + name, value));
        // Only with layers (the files then go in after them), so that other fingerprints stay as they were.
        ctx.config.layers().cached().forEach(layer -> builder.add("layer:" + layer.name(),
                String.join(",", layer.scripts())));
        // Only when there are some, so that fingerprints of images without data disks stay as they were.
        ctx.config.dataDisks().forEach(disk -> builder.add("dataDisk:" + disk.lun(), disk.sizeGb() + " GiB"));
        for (Payloads.Payload payload : ctx.payloads()) {
            FileCopy copy = payload.copy();
            builder.add("file:" + copy.destination(), payload.sha256() + "\nowner=" + copy.owner() + "\nmode="
                    + copy.mode());
        }
        return builder.add("generalize", ctx.config.osType() == OsType.LINUX ? DeprovisionStep.LINUX
                : DeprovisionStep.WINDOWS).build();
    }
}

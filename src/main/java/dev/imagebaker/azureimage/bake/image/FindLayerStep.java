package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.Durations;
import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.Layers;
import dev.imagebaker.azureimage.config.ScriptSpec;
import dev.imagebaker.azureimage.config.SourceImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fingerprints each cached layer (the source, the OS, the build VM's security type, the environment values and
 * every script up to the end of the layer) and looks in the hidden layer definition for the deepest layer baked
 * from the same inputs, in the build region, younger than layerMaxAge: the build VM then starts from it.
 */
final class FindLayerStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Look for cached layers in " + layerDefinitionPath(ctx);
    }

    @Override
    public String resource(BakeContext ctx) {
        return "image definition " + layerDefinitionPath(ctx);
    }

    static String layerDefinitionPath(BakeContext ctx) {
        GalleryTarget g = ctx.config.gallery();
        return g.resourceGroup() + "/" + g.name() + "/" + g.layerDefinition();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        Layers layers = ctx.config.layers();
        ctx.layerFingerprints = fingerprints(ctx);
        if (ctx.gallery == null) {
            ctx.progress.info("      the gallery is new: every layer is baked");
            return StepResult.CONTINUE;
        }
        GalleryTarget g = ctx.config.gallery();
        List<VersionInfo> versions = ctx.cloud.galleries().versions(g.resourceGroup(), g.name(), g.layerDefinition());
        Instant oldest = Instant.now().minus(layers.maxAge());
        for (int k = layers.cached().size() - 1; k >= 0; k--) {
            Fingerprint fingerprint = ctx.layerFingerprints.get(k);
            List<VersionInfo> same = versions.stream().filter(VersionInfo::succeeded)
                    .filter(v -> fingerprint.matches(v.tags())).filter(v -> v.regionNames().contains(ctx.config.location()))
                    .sorted(Comparator.comparing(FindLayerStep::published).reversed()).toList();
            Optional<VersionInfo> fresh = same.stream().filter(v -> !published(v).isBefore(oldest)).findFirst();
            String name = layers.name(k);
            if (fresh.isPresent()) {
                ctx.startLayer = new BakeContext.CachedLayer(k, fresh.get());
                ctx.progress.info("      starting from cached layer " + name + " (" + fresh.get().name() + ", baked "
                        + Durations.format(Duration.between(published(fresh.get()), Instant.now())) + " ago by build "
                        + fresh.get().tags().get(Tags.BUILD_ID) + "): its scripts are skipped");
                return StepResult.CONTINUE;
            }
            if (!same.isEmpty()) {
                ctx.progress.info("      cached layer " + name + " is older than layerMaxAge ("
                        + Durations.format(layers.maxAge()) + "): baking it afresh");
            }
        }
        String first = layers.name(0);
        ctx.progress.info("      no cached layer matches: every script runs" + versions.stream()
                .filter(v -> first.equals(v.tags().get(Tags.LAYER))).max(Comparator.comparing(FindLayerStep::published))
                .map(v -> " (layer " + first + " differs from " + v.name() + ": " + String.join("; ",
                        ctx.layerFingerprints.get(0).differencesFrom(v.tags())) + ")").orElse(""));
        return StepResult.CONTINUE;
    }

    /** When a version was published; one without a date counts as the oldest. */
    static Instant published(VersionInfo v) {
        return v.publishedDate() == null ? Instant.EPOCH : v.publishedDate();
    }

    /** Each layer's fingerprint covers everything before its end, so a match means the same disk. */
    static List<Fingerprint> fingerprints(BakeContext ctx) {
        List<Fingerprint> fingerprints = new ArrayList<>();
        Fingerprint.Builder builder = Fingerprint.builder()
                .add("source", SourceImage.canonical(ctx.source.resolved()))
                .add("os", ctx.config.osType().azureName())
                .add("securityType", ctx.securityType.azureName());
        ctx.config.environment().forEach((name, value) -> builder.add("env:" + name, value));
        for (Layers.Layer layer : ctx.config.layers().cached()) {
            builder.add("layer:" + layer.name(), String.join(",", layer.scripts()));
            for (String name : layer.scripts()) {
                ScriptSpec script = ctx.config.scripts().stream().filter(s -> s.name().equals(name)).findFirst()
                        .orElseThrow();
                FindExistingStep.addScript(builder, script);
            }
            fingerprints.add(builder.build());
        }
        return fingerprints;
    }
}

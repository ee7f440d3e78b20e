package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.Tags;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.DefinitionRequest;
import dev.imagebaker.azureimage.bake.cloud.Galleries;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.cloud.VersionRequest;
import dev.imagebaker.azureimage.bake.run.CleanupStack;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.TargetRegion;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a layer's snapshot into an image version of the hidden Specialized definition (created when missing):
 * build region only, one Standard_LRS replica, excluded from latest, tagged with the layer's name and fingerprint.
 * Then keeps the {@value #KEPT} newest versions of the layer and deletes older ones. A cache, not the product: a
 * failure here is a warning and the bake goes on; a version half-made when the bake fails is deleted, a finished
 * one stays (the next attempt starts from it).
 */
final class RecordLayerStep implements Step<BakeContext> {
    static final int KEPT = 2;
    private static final DateTimeFormatter VERSION_NAME = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmssSSS")
            .withZone(ZoneOffset.UTC);
    private static final Object DEFINITION_LOCK = new Object();
    private final int layer;

    RecordLayerStep(int layer) {
        this.layer = layer;
    }

    private String name(BakeContext ctx) {
        return ctx.config.layers().name(layer);
    }

    /**
     * Major.Minor.Patch from the bake's start to the millisecond (Minor at most 235959999: within Azure's int32) and
     * the layer's place: ordered by time, and two bakes started in the same second do not share a name.
     */
    private String versionName(BakeContext ctx) {
        return VERSION_NAME.format(ctx.started).replaceAll("\\.0+(?=\\d)", ".") + "." + layer;
    }

    @Override
    public String title(BakeContext ctx) {
        return "Record layer " + name(ctx) + " as " + FindLayerStep.layerDefinitionPath(ctx) + "/"
                + versionName(ctx) + (ctx.startsAtOrAfter(layer) ? ": skipped, the layer is cached" : "");
    }

    @Override
    public String resource(BakeContext ctx) {
        return "image version " + FindLayerStep.layerDefinitionPath(ctx) + "/" + versionName(ctx);
    }

    @Override
    public StepResult run(BakeContext ctx) {
        String snapshot = ctx.layerSnapshots.get(layer);
        if (ctx.startsAtOrAfter(layer) || snapshot == null) {
            return StepResult.CONTINUE;
        }
        GalleryTarget g = ctx.config.gallery();
        GalleryImageVersionId id = new GalleryImageVersionId(ctx.config.subscriptionId(), g.resourceGroup(), g.name(),
                g.layerDefinition(), versionName(ctx));
        AtomicBoolean recorded = new AtomicBoolean();
        ctx.cleanups.push("unfinished " + resource(ctx), CleanupStack.When.ON_FAILURE, () -> {
            if (!recorded.get()) {
                UnfinishedVersion.delete(ctx, id);
            }
        });
        try {
            ensureDefinition(ctx);
            TargetRegion here = new TargetRegion(ctx.config.location(), 1, TargetRegion.DEFAULT_STORAGE);
            ctx.cloud.galleries().createVersion(new VersionRequest(id, ctx.config.location(), snapshot, List.of(here),
                    true, tags(ctx)), ctx.config.timeouts().operation());
            recorded.set(true);
        } catch (CloudException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            ctx.progress.warn("Layer " + name(ctx) + " was not cached (" + (e.code() == null ? "" : e.code() + ": ")
                    + e.getMessage() + "); the bake goes on, and the next one runs its scripts again.");
            deleteQuietly(ctx, id);
            recorded.set(true);
            return StepResult.CONTINUE;
        }
        try {
            prune(ctx);
        } catch (CloudException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            ctx.progress.warn("Older versions of layer " + name(ctx) + " were not deleted (" + e.getMessage()
                    + "); the next bake tries again.");
        }
        return StepResult.CONTINUE;
    }

    /** The hidden definition: the release definition's OS, generation, architecture and features, Specialized. */
    private static void ensureDefinition(BakeContext ctx) {
        GalleryTarget g = ctx.config.gallery();
        Galleries galleries = ctx.cloud.galleries();
        synchronized (DEFINITION_LOCK) {
            if (galleries.definition(g.resourceGroup(), g.name(), g.layerDefinition()).isEmpty()) {
                galleries.createDefinition(new DefinitionRequest(g.resourceGroup(), g.name(), g.layerDefinition(),
                        ctx.config.location(), ctx.facts, PrepareGalleryStep.features(ctx), g.publisher(), g.offer(),
                        g.layerSku(), ctx.tags(Map.of()), true), ctx.config.timeouts().operation());
                ctx.progress.info("      created hidden image definition " + g.layerDefinition()
                        + " (Specialized) for cached layers");
            }
        }
    }

    private Map<String, String> tags(BakeContext ctx) {
        Map<String, String> tags = new LinkedHashMap<>(ctx.config.placement().tags());
        tags.put(Tags.GROUP_ID, ctx.config.project().groupId());
        tags.put(Tags.ARTIFACT_ID, ctx.config.project().artifactId());
        tags.put(Tags.LAYER, name(ctx));
        tags.put(Tags.SOURCE, ctx.source.resolved());
        tags.put(Tags.BUILD_ID, ctx.names.buildId());
        tags.putAll(ctx.layerFingerprints.get(layer).tags());
        return tags;
    }

    /** Keeps the newest versions of this layer (whatever their inputs), so that the hidden definition stays small. */
    private void prune(BakeContext ctx) {
        GalleryTarget g = ctx.config.gallery();
        List<VersionInfo> old = ctx.cloud.galleries().versions(g.resourceGroup(), g.name(), g.layerDefinition())
                .stream().filter(v -> name(ctx).equals(v.tags().get(Tags.LAYER)) && v.bakedByPlugin())
                .sorted(Comparator.comparing(FindLayerStep::published).reversed()).skip(KEPT).toList();
        for (VersionInfo v : old) {
            ctx.cloud.galleries().deleteVersion(v.id(), ctx.config.timeouts().operation());
            ctx.progress.info("      deleted cached layer " + name(ctx) + " " + v.name() + " (keeping the newest "
                    + KEPT + ")");
        }
    }

    private static void deleteQuietly(BakeContext ctx, GalleryImageVersionId id) {
        try {
            UnfinishedVersion.delete(ctx, id);
        } catch (CloudException e) {
            ctx.progress.warn("Could not delete the unfinished layer version " + id.path() + ": " + e.getMessage());
        }
    }
}

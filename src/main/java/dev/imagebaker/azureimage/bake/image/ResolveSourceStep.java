package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.CloudException;
import dev.imagebaker.azureimage.bake.cloud.DefinitionInfo;
import dev.imagebaker.azureimage.bake.cloud.GalleryImageVersionId;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.ImageVersion;
import dev.imagebaker.azureimage.config.SourceImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves the source to a concrete image and records it. Marketplace {@code latest} is the highest version
 * compared part by part as numbers: ARM's {@code $orderby=name desc} sorts as text, where 9.8 beats 9.10.
 */
final class ResolveSourceStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Resolve source " + ctx.config.source().text();
    }

    @Override
    public String resource(BakeContext ctx) {
        return ctx.config.source().text();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        SourceImage source = ctx.config.source();
        ctx.source = source instanceof SourceImage.Marketplace m ? marketplace(ctx, m)
                : gallery(ctx, (SourceImage.Gallery) source);
        ctx.progress.info("      resolved " + ctx.source.resolved());
        return StepResult.CONTINUE;
    }

    private ResolvedSource marketplace(BakeContext ctx, SourceImage.Marketplace m) {
        String location = ctx.config.location();
        String version = m.version();
        if (m.latest()) {
            List<String> versions = ctx.cloud.marketplace().versions(location, m.publisher(), m.offer(), m.sku());
            version = versions.stream().max(ResolveSourceStep::compareNumerically).orElseThrow(() ->
                    new StepFailedException(title(ctx), m.text(), null, "The marketplace has no version of "
                            + m.publisher() + ":" + m.offer() + ":" + m.sku() + " in " + location + ".",
                            "Check <source> and <location>: az vm image list --publisher " + m.publisher()
                                    + " --offer " + m.offer() + " --sku " + m.sku() + " --all -l " + location, null));
        }
        SourceImage.Marketplace concrete = m.withVersion(version);
        try {
            ctx.facts = ctx.cloud.marketplace().facts(location, m.publisher(), m.offer(), m.sku(), version);
        } catch (CloudException e) {
            if (e.status() != 404) {
                throw e;
            }
            List<String> newest = ctx.cloud.marketplace().versions(location, m.publisher(), m.offer(), m.sku())
                    .stream().sorted((a, b) -> compareNumerically(b, a)).limit(3).toList();
            throw new StepFailedException(title(ctx), m.text(), e.code(), "The marketplace has no image "
                    + concrete.text() + " in " + location + (newest.isEmpty() ? "." : "; its newest versions are "
                    + String.join(", ", newest) + "."), "Name an existing version in <source>, or use latest.", e);
        }
        return new ResolvedSource(m, concrete.text(), concrete.text());
    }

    private ResolvedSource gallery(BakeContext ctx, SourceImage.Gallery g) {
        DefinitionInfo definition = ctx.cloud.galleries().definition(g.resourceGroup(), g.gallery(), g.definition())
                .orElseThrow(() -> new StepFailedException(title(ctx), g.id(), "NotFound", "The source image definition "
                        + g.definition() + " does not exist.", "Check <source>.", null));
        String version = g.version();
        if (version == null) {
            version = ctx.cloud.galleries().versions(g.resourceGroup(), g.gallery(), g.definition()).stream()
                    .filter(v -> !v.excludeFromLatest() && v.succeeded())
                    .map(v -> ImageVersion.parse(v.name())).max(Comparator.naturalOrder()).map(Object::toString)
                    .orElseThrow(() -> new StepFailedException(title(ctx), g.id(), null, "The source image definition has"
                            + " no version that can be used as latest.", "Name a version in <source>.", null));
        }
        String versionId = definition.id() + "/versions/" + version;
        if (g.version() != null && ctx.cloud.galleries().version(GalleryImageVersionId.parse(versionId)).isEmpty()) {
            List<String> newest = ctx.cloud.galleries().versions(g.resourceGroup(), g.gallery(), g.definition())
                    .stream().map(VersionInfo::name).sorted((a, b) -> compareNumerically(b, a)).limit(3).toList();
            throw new StepFailedException(title(ctx), g.id(), "NotFound", "The source image version " + version
                    + " does not exist" + (newest.isEmpty() ? "." : "; the newest versions are "
                    + String.join(", ", newest) + "."), "Name an existing version in <source>, or leave the version"
                    + " out for the definition's latest.", null);
        }
        ctx.facts = definition.facts();
        return new ResolvedSource(g, versionId, versionId);
    }

    static int compareNumerically(String a, String b) {
        long[] x = parts(a);
        long[] y = parts(b);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Long.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static long[] parts(String version) {
        return Arrays.stream(version.split("\\.")).mapToLong(p -> p.matches("\\d{1,18}") ? Long.parseLong(p) : -1)
                .toArray();
    }
}

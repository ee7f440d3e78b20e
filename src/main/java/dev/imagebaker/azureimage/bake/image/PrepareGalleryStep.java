package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.Galleries;
import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.GalleryTarget;
import dev.imagebaker.azureimage.config.SourceImage;
import java.util.Map;

/**
 * Makes sure the gallery and the image definition exist and fit the source, before any temporary resource is
 * created: creates what is missing; refuses a definition whose OS type, OS state, Hyper-V generation or
 * architecture does not fit, naming both values, and a gallery in another region.
 */
final class PrepareGalleryStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Prepare gallery " + ctx.definitionPath();
    }

    @Override
    public String resource(BakeContext ctx) {
        return ctx.definitionPath();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        GalleryTarget target = ctx.config.gallery();
        String location = ctx.config.location();
        Galleries galleries = ctx.cloud.galleries();
        ImageFacts facts = facts(ctx);
        if (!ctx.cloud.groups().exists(target.resourceGroup())) {
            ctx.cloud.groups().create(target.resourceGroup(), location, Map.of());
            ctx.progress.info("      created resource group " + target.resourceGroup() + " in " + location);
        }
        ctx.gallery = galleries.gallery(target.resourceGroup(), target.name()).orElse(null);
        if (ctx.gallery == null) {
            ctx.gallery = galleries.createGallery(target.resourceGroup(), target.name(), location,
                    ctx.config.timeouts().operation());
            ctx.progress.info("      created gallery " + target.name() + " in " + location);
        } else if (!location.equals(ctx.gallery.location())) {
            throw refusal(ctx, "The gallery " + target.name() + " is in " + ctx.gallery.location() + ", but the build"
                    + " runs in " + location + "; Azure captures an image version in the region of its source VM,"
                    + " which must be the gallery's region.", "Set <location>" + ctx.gallery.location()
                    + "</location> (versions replicate to other regions through <targetRegions>).");
        }
        String name = ctx.config.definition();
        ctx.definition = galleries.definition(target.resourceGroup(), target.name(), name).orElse(null);
        if (ctx.definition == null) {
            ctx.definition = galleries.createDefinition(target.resourceGroup(), target.name(), name, location, facts,
                    target.publisher(), target.offer(), target.skuFor(ctx.config.kind()),
                    ctx.config.timeouts().operation());
            ctx.progress.info("      created image definition " + name + " (" + facts.osType().azureName()
                    + ", Generalized, Hyper-V " + facts.hyperVGeneration() + ", " + facts.architecture() + ")");
        } else {
            mustFit(ctx, "OS type", ctx.definition.osType().azureName(), facts.osType().azureName());
            mustFit(ctx, "OS state", ctx.definition.osState(), "Generalized");
            mustFit(ctx, "Hyper-V generation", ctx.definition.hyperVGeneration(), facts.hyperVGeneration());
            mustFit(ctx, "architecture", ctx.definition.architecture(), facts.architecture());
        }
        return StepResult.CONTINUE;
    }

    /** What Azure says about the source image; the OS must be the one the scripts are for. */
    private ImageFacts facts(BakeContext ctx) {
        if (ctx.facts == null) {
            SourceImage.Marketplace m = (SourceImage.Marketplace) SourceImage.parse(ctx.source.resolved());
            ctx.facts = ctx.cloud.marketplace().facts(ctx.config.location(), m.publisher(), m.offer(), m.sku(),
                    m.version());
        }
        ImageFacts facts = ctx.facts;
        ctx.progress.info("      source image: " + facts.osType().azureName() + ", Hyper-V " + facts.hyperVGeneration()
                + ", " + facts.architecture());
        if (facts.osType() != ctx.config.osType()) {
            throw refusal(ctx, "The source " + ctx.source.resolved() + " is a " + facts.osType().azureName()
                    + " image, but the bake is configured for " + ctx.config.osType().azureName() + ".",
                    "Set <osType>" + facts.osType().azureName() + "</osType> and provide "
                            + facts.osType().scriptExtension() + " scripts.");
        }
        return facts;
    }

    private void mustFit(BakeContext ctx, String what, String definitionValue, String sourceValue) {
        if (!definitionValue.equalsIgnoreCase(sourceValue)) {
            throw refusal(ctx, "The existing image definition " + ctx.config.definition() + " has " + what + " "
                    + definitionValue + ", but the source " + ctx.source.resolved() + " needs " + sourceValue
                    + ". A version must match its definition.", "Choose a source with " + what + " "
                    + definitionValue + ", or publish to another <gallery><imageDefinition> (a definition's "
                    + what + " cannot change).");
        }
    }

    private StepFailedException refusal(BakeContext ctx, String problem, String fix) {
        return new StepFailedException(title(ctx), resource(ctx), null, problem, fix, null);
    }
}

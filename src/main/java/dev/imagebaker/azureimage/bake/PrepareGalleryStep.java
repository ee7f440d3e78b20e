package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.config.GalleryTarget;
import java.util.Map;

/**
 * Makes sure the gallery and the image definition exist and fit the source, before any temporary resource is
 * created: creates what is missing; refuses a definition whose OS type, OS state, Hyper-V generation or
 * architecture does not fit, naming both values; refuses a version that already exists.
 */
final class PrepareGalleryStep implements Step {

    @Override
    public String title(BakeContext ctx) {
        return "Prepare gallery " + ctx.definitionPath();
    }

    @Override
    public String resource(BakeContext ctx) {
        return ctx.definitionPath();
    }

    @Override
    public void run(BakeContext ctx) {
        GalleryTarget target = ctx.config.gallery();
        String location = ctx.config.location();
        Galleries galleries = ctx.cloud.galleries();
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
        ImageFacts facts = ctx.source.facts();
        ctx.definition = galleries.definition(target.resourceGroup(), target.name(), target.imageDefinition())
                .orElse(null);
        if (ctx.definition == null) {
            ctx.definition = galleries.createDefinition(target.resourceGroup(), target.name(),
                    target.imageDefinition(), location, facts, target.publisher(), target.offer(), target.sku(),
                    ctx.config.timeouts().operation());
            ctx.progress.info("      created image definition " + target.imageDefinition() + " ("
                    + facts.osType().azureName() + ", Generalized, Hyper-V " + facts.hyperVGeneration() + ", "
                    + facts.architecture() + ")");
        } else {
            checkFits(ctx, ctx.definition, facts);
        }
        galleries.version(target.resourceGroup(), target.name(), target.imageDefinition(), ctx.versionName())
                .ifPresent(existing -> {
                    throw refusal(ctx, "The image version " + ctx.versionName() + " already exists in "
                            + ctx.definitionPath() + " (" + existing.provisioningState() + ").",
                            "Bump the project version, or set <imageVersion> to a new version.");
                });
    }

    private void checkFits(BakeContext ctx, DefinitionInfo definition, ImageFacts facts) {
        mustFit(ctx, "OS type", definition.osType().azureName(), facts.osType().azureName());
        mustFit(ctx, "OS state", definition.osState(), "Generalized");
        mustFit(ctx, "Hyper-V generation", definition.hyperVGeneration(), facts.hyperVGeneration());
        mustFit(ctx, "architecture", definition.architecture(), facts.architecture());
    }

    private void mustFit(BakeContext ctx, String what, String definitionValue, String sourceValue) {
        if (!definitionValue.equalsIgnoreCase(sourceValue)) {
            throw refusal(ctx, "The existing image definition " + ctx.config.gallery().imageDefinition() + " has "
                    + what + " " + definitionValue + ", but the source " + ctx.source.resolved() + " needs "
                    + sourceValue + ". A version must match its definition.", "Choose a source with " + what + " "
                    + definitionValue + ", or publish to another <gallery><imageDefinition> (a definition's "
                    + what + " cannot change).");
        }
    }

    private BakeException refusal(BakeContext ctx, String problem, String fix) {
        return new BakeException(title(ctx), resource(ctx), null, problem, fix, null);
    }
}

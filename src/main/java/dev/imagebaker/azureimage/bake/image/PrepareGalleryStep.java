package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.cloud.DefinitionRequest;
import dev.imagebaker.azureimage.bake.cloud.Galleries;
import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;
import dev.imagebaker.azureimage.config.GalleryTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes sure the gallery and the image definition exist, before any temporary resource is created: creates what is
 * missing (an existing definition was checked with the placement). A new definition gets the features its
 * versions need: the build VM's SecurityType (set explicitly: gallery API 2025-03-03 defaults new definitions to
 * TrustedLaunchSupported, which takes no VM capture), the source's DiskControllerTypes and
 * IsAcceleratedNetworkSupported, and the source's purchase plan. A gallery in another region is refused.
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
        if (!ctx.cloud.groups().exists(target.resourceGroup())) {
            ctx.cloud.groups().create(target.resourceGroup(), location, ctx.tags(Map.of()));
            ctx.progress.info("      created resource group " + target.resourceGroup() + " in " + location);
        }
        // Placement already read the gallery (and refused one in another region).
        if (ctx.gallery == null) {
            ctx.gallery = galleries.createGallery(target.resourceGroup(), target.name(), location, ctx.tags(Map.of()),
                    ctx.config.timeouts().operation());
            ctx.progress.info("      created gallery " + target.name() + " in " + location);
        }
        if (ctx.definition == null) {
            String name = ctx.config.definition();
            ImageFacts facts = ctx.facts;
            Map<String, String> features = features(ctx);
            ctx.definition = galleries.createDefinition(new DefinitionRequest(target.resourceGroup(), target.name(),
                    name, location, facts, features, target.publisher(), target.offer(),
                    target.skuFor(ctx.config.kind()), ctx.tags(Map.of()), false), ctx.config.timeouts().operation());
            ctx.progress.info("      created image definition " + name + " (" + facts.osType().azureName()
                    + ", Generalized, Hyper-V " + facts.hyperVGeneration() + ", " + facts.architecture() + ", "
                    + features + (facts.plan() == null ? "" : ", plan " + facts.plan().name()) + ")");
        }
        return StepResult.CONTINUE;
    }

    /** The features a new definition needs, from the build VM and the source (trusted-launch-portal.md). */
    static Map<String, String> features(BakeContext ctx) {
        Map<String, String> features = new LinkedHashMap<>();
        features.put("SecurityType", ctx.securityType.azureName());
        for (String copied : new String[] {"DiskControllerTypes", "IsAcceleratedNetworkSupported"}) {
            String value = ctx.facts.feature(copied);
            if (value != null) {
                features.put(copied, value);
            }
        }
        return features;
    }
}

package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;

/**
 * Snapshots the build VM's OS disk at the end of a cached layer, while it runs: the guest is idle between run
 * commands, so the copy is what the layer's scripts left. The next script waits for it; turning it into an image
 * version ({@link RecordLayerStep}) runs alongside the later scripts. The snapshot carries the build's tags and goes
 * with the temporary group.
 */
final class SnapshotLayerStep implements Step<BakeContext> {
    private final int layer;

    SnapshotLayerStep(int layer) {
        this.layer = layer;
    }

    private String name(BakeContext ctx) {
        return ctx.config.layers().name(layer);
    }

    String snapshotName(BakeContext ctx) {
        return ctx.names.vmName() + "-layer-" + name(ctx);
    }

    @Override
    public String title(BakeContext ctx) {
        return "Snapshot layer " + name(ctx) + " (OS disk of " + ctx.names.vmName() + ")"
                + (ctx.startsAtOrAfter(layer) ? ": skipped, the layer is cached" : "");
    }

    @Override
    public String resource(BakeContext ctx) {
        return "snapshot " + ctx.names.tempGroup() + "/" + snapshotName(ctx);
    }

    @Override
    public StepResult run(BakeContext ctx) {
        if (!ctx.startsAtOrAfter(layer)) {
            ctx.layerSnapshots.put(layer, ctx.cloud.vms().snapshotOsDisk(ctx.vm, snapshotName(ctx),
                    ctx.resourceTags(), ctx.config.timeouts().operation()));
        }
        return StepResult.CONTINUE;
    }
}

package dev.imagebaker.azureimage.bake;

/** Restarts the build VM after a script that asked for it (restartAfter), e.g. after Windows updates. */
final class RestartStep implements Step {
    private final String after;

    RestartStep(String after) {
        this.after = after;
    }

    @Override
    public String title(BakeContext ctx) {
        return "Restart " + ctx.names.vmName() + " after " + after + " and wait for its guest agent";
    }

    @Override
    public String resource(BakeContext ctx) {
        return "VM " + ctx.names.tempGroup() + "/" + ctx.names.vmName();
    }

    @Override
    public void run(BakeContext ctx) {
        ctx.cloud.vms().restart(ctx.vm, ctx.config.timeouts().operation());
    }
}

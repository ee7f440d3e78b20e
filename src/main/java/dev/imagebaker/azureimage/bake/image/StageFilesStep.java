package dev.imagebaker.azureimage.bake.image;

import dev.imagebaker.azureimage.bake.run.Step;
import dev.imagebaker.azureimage.bake.run.StepResult;

import dev.imagebaker.azureimage.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Uploads the project's files to a storage account in the temporary group, before the build VM exists, so that
 * a failed upload costs no VM. The account goes with the group.
 */
final class StageFilesStep implements Step<BakeContext> {

    @Override
    public String title(BakeContext ctx) {
        return "Stage " + ctx.config.files().size() + " file(s) in storage account " + ctx.names.storageAccount();
    }

    @Override
    public String resource(BakeContext ctx) {
        return "storage account " + ctx.names.tempGroup() + "/" + ctx.names.storageAccount();
    }

    @Override
    public StepResult run(BakeContext ctx) {
        int index = 1;
        for (Payloads.Payload payload : ctx.payloads()) {
            Instant start = Instant.now();
            ctx.cloud.staging().upload(ctx.staging, payload.blobName(index), payload.file());
            ctx.progress.info("      uploaded " + ctx.config.project().baseDir().relativize(payload.copy().source())
                    + (payload.archive() ? " (directory, archived)" : "") + ", " + size(payload.size()) + ", sha256 "
                    + payload.sha256().substring(0, 16) + "... in " + Durations.format(Duration.between(start,
                    Instant.now())));
            index++;
        }
        return StepResult.CONTINUE;
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}

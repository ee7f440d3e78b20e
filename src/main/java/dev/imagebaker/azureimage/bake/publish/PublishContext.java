package dev.imagebaker.azureimage.bake.publish;

import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.cloud.Cloud;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.config.Publishing;
import java.time.Duration;

/** What the steps of one publication share, and the version as published. */
final class PublishContext {
    final Cloud cloud;
    final Progress progress;
    final BakedVersion target;
    final Publishing publishing;
    final Duration timeout;
    volatile VersionInfo published;

    PublishContext(Cloud cloud, Progress progress, BakedVersion target, Publishing publishing, Duration timeout) {
        this.cloud = cloud;
        this.progress = progress;
        this.target = target;
        this.publishing = publishing;
        this.timeout = timeout;
    }
}

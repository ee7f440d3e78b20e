package dev.imagebaker.azureimage.bake.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.OnEmulator;
import dev.imagebaker.azureimage.bake.TestConfigs;
import dev.imagebaker.azureimage.bake.cloud.VersionInfo;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.Retention;
import dev.imagebaker.azureimage.config.TargetRegion;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Publishing and retention against the emulator, whose replication takes (scaled) time per region. */
class PublishOnEmulatorTest extends OnEmulator {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private BakeConfig config(String version, Map<String, String> extra) throws Exception {
        TestConfigs.project(dir, "10-packages.sh");
        Map<String, String> values = TestConfigs.values();
        values.putAll(extra);
        return TestConfigs.config(dir, values, version);
    }


    @Test
    void replicatesRegionByRegionPromotesAndIsIdempotent() throws Exception {
        start(0.001);
        BakeConfig config = config("1.4.2", Map.of(PropertyNames.TARGET_REGIONS, "northeurope:2:Standard_ZRS",
                PropertyNames.END_OF_LIFE_AFTER, "P1Y"));
        BakeResult baked = bake(config);
        assertThat(baked.version().excludeFromLatest()).isTrue();
        assertThat(baked.version().regionNames()).containsExactly("westeurope");

        Publisher publisher = new Publisher(session.cloud(), progress, Duration.ofSeconds(30));
        BakedVersion target = new BakedVersion(baked.version().id(), config.kind(), "westeurope");
        VersionInfo published = publisher.publish(target, config.publishing(), TIMEOUT, null, null);
        assertThat(published.excludeFromLatest()).isFalse();
        assertThat(published.regions()).containsExactlyInAnyOrder(new TargetRegion("westeurope", 1, "Standard_LRS"),
                new TargetRegion("northeurope", 2, "Standard_ZRS"));
        assertThat(published.endOfLifeDate()).isEqualTo(PublishVersionStep.endOfLife(published.publishedDate(),
                config.publishing()));
        assertThat(published.endOfLifeDate().atZone(ZoneOffset.UTC).getYear())
                .isEqualTo(Instant.now().atZone(ZoneOffset.UTC).getYear() + 1);
        assertThat(progress.lines).anyMatch(l -> l.contains("replication northeurope: Replicating"))
                .anyMatch(l -> l.contains("replication northeurope: Completed 100%"));

        int before = emulator.armRequestCount();
        publisher.publish(target, config.publishing(), TIMEOUT, null, null);
        assertThat(progress.lines).anyMatch(l -> l.contains("is already published as configured"));
        assertThat(emulator.armRequestCount() - before).as("a GET and a replication status").isEqualTo(2);
    }

    @Test
    void aSnapshotIsNeverPromoted() throws Exception {
        start(0);
        BakeConfig config = config("2.0.0-SNAPSHOT", Map.of());
        BakeResult baked = bake(config);
        VersionInfo published = new Publisher(session.cloud(), progress, Duration.ofSeconds(30)).publish(
                new BakedVersion(baked.version().id(), config.kind(), "westeurope"), config.publishing(), TIMEOUT,
                null, null);
        assertThat(published.excludeFromLatest()).isTrue();
        assertThat(published.id().value()).contains("/images/orders-service-snapshot/versions/2.0.");
    }

    @Test
    void retentionDeletesTheOldestButNeverTheLatestNorTheYoung() throws Exception {
        start(0);
        Publisher publisher = new Publisher(session.cloud(), progress, Duration.ofSeconds(30));
        VersionInfo v100 = null;
        BakeConfig config = null;
        for (String version : List.of("1.0.0", "1.0.1", "1.0.2", "1.0.3")) {
            config = config(version, Map.of());
            BakeResult baked = bake(config);
            if (version.equals("1.0.0")) {
                // Published: the latest. The others stay candidates, excluded from latest.
                v100 = publisher.publish(new BakedVersion(baked.version().id(), config.kind(), "westeurope"),
                        config.publishing(), TIMEOUT, null, null);
            }
        }
        PublishContext ctx = new PublishContext(session.cloud(), progress, new BakedVersion(v100.id(),
                config.kind(), "westeurope"), config.publishing(), TIMEOUT);
        new RetentionStep("orders-service", 1, new Retention(1, 1, Duration.ZERO, true)).run(ctx);
        assertThat(progress.lines).contains("Retention would delete 2 version(s) of orders-service: [1.0.2, 1.0.1]");
        assertThat(session.cloud().galleries().versions("images-rg", "corp_images", "orders-service")).hasSize(4);

        new RetentionStep("orders-service", 1, new Retention(1, 1, Duration.ofDays(7), false)).run(ctx);
        assertThat(progress.lines).contains("Retention deleted 0 version(s) of orders-service");

        new RetentionStep("orders-service", 1, new Retention(1, 1, Duration.ZERO, false)).run(ctx);
        assertThat(progress.lines).contains("Retention deleted 2 version(s) of orders-service: [1.0.2, 1.0.1]");
        assertThat(session.cloud().galleries().versions("images-rg", "corp_images", "orders-service"))
                .extracting(VersionInfo::name).containsExactlyInAnyOrder("1.0.3", "1.0.0");
        assertThat(progress.lines).anyMatch(l -> l.contains("retention keeps orders-service/1.0.0: it is the current"
                + " latest"));
        assertThat(v100.excludeFromLatest()).isFalse();
    }
}

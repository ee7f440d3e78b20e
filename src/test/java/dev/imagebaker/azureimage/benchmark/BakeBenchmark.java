package dev.imagebaker.azureimage.benchmark;

import dev.imagebaker.azureimage.azure.AzureSession;
import dev.imagebaker.azureimage.bake.BakedVersion;
import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.TestConfigs;
import dev.imagebaker.azureimage.bake.image.BakeResult;
import dev.imagebaker.azureimage.bake.image.Baker;
import dev.imagebaker.azureimage.bake.publish.Publisher;
import dev.imagebaker.azureimage.bake.test.ImageTester;
import dev.imagebaker.azureimage.config.BakeConfig;
import dev.imagebaker.azureimage.config.BakeConfigReader;
import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.PropertiesConfiguration;
import dev.imagebaker.azureimage.config.PropertyNames;
import dev.imagebaker.azureimage.config.ReadOptions;
import dev.imagebaker.azureimage.config.SecretResolver;
import dev.imagebaker.azureimage.config.VersionKind;
import dev.imagebaker.azureimage.emulator.ArmEmulator;
import dev.imagebaker.azureimage.emulator.Latency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how long the goals take on the emulator's latency model (Azure's nominal durations times a time scale),
 * against the nominal critical path of a bake. Not a test: run it with {@code mvn -Pbenchmark test}. It asserts
 * nothing about time; it prints figures.
 */
class BakeBenchmark {
    private static final double SCALE = Double.parseDouble(System.getProperty("benchmark.timeScale", "0.05"));
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /**
     * The bake's critical path on Azure, nominal: storage account and network side by side, then the VM, each
     * script (a run command's end shows one refresh after the script), the detached deprovision and the guest's
     * shutdown, deallocation, and the capture of one region. The gallery, the file staging and the temporary
     * group's deletion are off it.
     */
    private static Duration criticalPath(int scripts) {
        Duration network = Latency.NETWORK_WRITE.nominal().multipliedBy(4);
        Duration storage = Latency.STORAGE_ACCOUNT_CREATE.nominal();
        return (network.compareTo(storage) > 0 ? network : storage).plus(Latency.VM_CREATE.nominal())
                .plus(Latency.RUN_COMMAND.nominal().multipliedBy(scripts))
                .plus(Latency.LINUX_DEPROVISION.nominal()).plus(Latency.VM_POWER_OFF.nominal())
                .plus(Latency.VM_DEALLOCATE.nominal()).plus(Latency.IMAGE_VERSION_REGION.nominal());
    }

    /**
     * The same bake as Packer's azure-arm builder runs it, computed from the same nominal durations (not run): every
     * step in sequence, each Azure operation seen done at the next of the SDK's fixed 30 s polls, the gallery
     * prepared on the way, the group's deletion awaited. Scripts run over SSH, so they are not polled.
     */
    private static Duration packerLike(int scripts) {
        Duration total = Duration.ZERO;
        for (Latency op : new Latency[] {Latency.STORAGE_ACCOUNT_CREATE, Latency.NETWORK_WRITE, Latency.NETWORK_WRITE,
            Latency.NETWORK_WRITE, Latency.NETWORK_WRITE, Latency.NETWORK_WRITE, Latency.VM_CREATE,
            Latency.VM_DEALLOCATE, Latency.GALLERY_WRITE, Latency.GALLERY_IMAGE_WRITE, Latency.IMAGE_VERSION_REGION,
            Latency.RESOURCE_GROUP_DELETE}) {
            total = total.plus(Duration.ofSeconds((op.nominal().toSeconds() + 29) / 30 * 30));
        }
        return total.plus(Latency.RUN_COMMAND.nominal().multipliedBy(scripts))
                .plus(Latency.LINUX_DEPROVISION.nominal()).plus(Latency.VM_POWER_OFF.nominal());
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    @Test
    void bakeTestPublishAndRebake() throws Exception {
        TestConfigs.project(dir, "10-packages.sh", "20-app.sh");
        Path tests = Files.createDirectories(dir.resolve("src/test/image"));
        Files.writeString(tests.resolve("10-java.sh"), "java -version\n");
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.TEST_COUNT, "2");
        BakeConfig config = BakeConfigReader.read(values, TestConfigs.info(dir, "1.0.0"),
                new ReadOptions(true, SecretResolver.environmentOnly(name -> null), false));
        StringBuilder out = new StringBuilder(String.format("%nBenchmark on the emulator's latency model, time scale"
                + " %s (nominal durations shown)%n", SCALE));
        try (ArmEmulator emulator = ArmEmulator.builder().timeScale(SCALE).start();
             AzureSession session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(),
                     ArmEmulator.TENANT, ArmEmulator.DEFAULT_SUBSCRIPTION, SCALE)) {
            int warmup = warmUp(session);
            long t0 = System.nanoTime();
            BakeResult bake = new Baker(session.cloud(), new RecordingProgress(), HEARTBEAT).bake(config);
            Duration bakeWall = nominal(System.nanoTime() - t0);
            int bakeRequests = session.requestCount() - warmup;
            Duration path = criticalPath(config.scripts().size());
            out.append(String.format("full bake into a new gallery: %s, critical path %s, ratio %.2f; %d ARM"
                    + " requests%n", seconds(bakeWall), seconds(path), bakeWall.toMillis() / (double) path.toMillis(),
                    bakeRequests));
            bake.stepTimes().forEach((step, d) -> out.append(String.format("  %-100s %10s%n", step,
                    seconds(nominal(d.toNanos())))));

            Path app = dir.resolve("src/main/image/scripts/20-app.sh");
            String original = Files.readString(app);
            Files.writeString(app, "echo changed app\n");
            int before00 = session.requestCount();
            long t00 = System.nanoTime();
            new Baker(session.cloud(), new RecordingProgress(), HEARTBEAT).bake(BakeConfigReader.read(values,
                    TestConfigs.info(dir, "1.0.1"), new ReadOptions(true, SecretResolver.environmentOnly(n -> null),
                            false)));
            Duration againWall = nominal(System.nanoTime() - t00);
            out.append(String.format("full bake into the existing gallery: %s, ratio %.2f; %d ARM requests%n",
                    seconds(againWall), againWall.toMillis() / (double) path.toMillis(),
                    session.requestCount() - before00));
            Files.writeString(app, "echo changed app again\n");
            Map<String, String> async = new java.util.HashMap<>(values);
            async.put(PropertyNames.WAIT_FOR_DELETION, "false");
            BakeConfig changed = BakeConfigReader.read(async, TestConfigs.info(dir, "1.0.2"),
                    new ReadOptions(true, SecretResolver.environmentOnly(name -> null), false));
            int before0 = session.requestCount();
            long t01 = System.nanoTime();
            new Baker(session.cloud(), new RecordingProgress(), HEARTBEAT).bake(changed);
            Duration asyncWall = nominal(System.nanoTime() - t01);
            out.append(String.format("full bake into the existing gallery, group deletion left running"
                    + " (waitForDeletion=false): %s, ratio %.2f; %d ARM requests%n", seconds(asyncWall),
                    asyncWall.toMillis() / (double) path.toMillis(), session.requestCount() - before0));
            Duration packer = packerLike(config.scripts().size());
            out.append(String.format("Packer-like model (sequential, 30 s polls, computed): %s, ratio %.2f%n",
                    seconds(packer), packer.toMillis() / (double) path.toMillis()));
            bakeRequests = session.requestCount();
            Files.writeString(app, original);

            BakedVersion target = new BakedVersion(bake.version().id(), VersionKind.RELEASE, "westeurope");
            long t1 = System.nanoTime();
            new ImageTester(session.cloud(), new RecordingProgress(), HEARTBEAT).test(BakeConfigReader.readTest(
                    new PropertiesConfiguration(values), TestConfigs.info(dir, "1.0.0"), ReadOptions.defaults(),
                    OsType.LINUX, null), target);
            int testRequests = session.requestCount() - bakeRequests;
            out.append(String.format("test-image (2 VMs): %s; %d ARM requests%n",
                    seconds(nominal(System.nanoTime() - t1)), testRequests));

            long t2 = System.nanoTime();
            new Publisher(session.cloud(), new RecordingProgress(), HEARTBEAT).publish(target, config.publishing(),
                    Duration.ofHours(1), "orders-service", "orders-service-snapshot");
            out.append(String.format("publish: %s; %d ARM requests%n", seconds(nominal(System.nanoTime() - t2)),
                    session.requestCount() - bakeRequests - testRequests));

            int before = session.requestCount();
            long t3 = System.nanoTime();
            new Baker(session.cloud(), new RecordingProgress(), HEARTBEAT).bake(config);
            out.append(String.format("no-op rebake (reused), warm: %d ms real; %d ARM requests%n",
                    (System.nanoTime() - t3) / 1_000_000, session.requestCount() - before));
        }
        System.out.println(out);
    }

    /**
     * The layer cache: a project whose base layer (packages, then a JDK: 5 and 3 minutes of guest time) is cached and
     * whose app script takes a minute. Prints the first bake (which records the layer), an app-only rebake that
     * starts from it, and the same rebake with the cache off, which is what every rebake costs without layers.
     */
    @Test
    void layeredRebake() throws Exception {
        Path scripts = TestConfigs.project(dir, "10-packages.sh", "20-jdk.sh", "30-app.sh")
                .resolve("src/main/image/scripts");
        Files.writeString(scripts.resolve("10-packages.sh"), "#!/bin/sh\nsleep 300\n");
        Files.writeString(scripts.resolve("20-jdk.sh"), "#!/bin/sh\nsleep 180\n");
        Files.writeString(scripts.resolve("30-app.sh"), "#!/bin/sh\nsleep 60\n");
        Map<String, String> values = TestConfigs.values();
        values.put(PropertyNames.LAYERS_PREFIX + "base", "10-packages.sh,20-jdk.sh");
        StringBuilder out = new StringBuilder(String.format("%nLayer cache on the emulator's latency model, time scale"
                + " %s: base layer 300 s + 180 s of scripts, app script 60 s (nominal)%n", SCALE));
        try (ArmEmulator emulator = ArmEmulator.builder().timeScale(SCALE).start();
             AzureSession session = AzureSession.emulator(emulator.endpoint(), emulator.certificatePem(),
                     ArmEmulator.TENANT, ArmEmulator.DEFAULT_SUBSCRIPTION, SCALE)) {
            warmUp(session);
            Duration first = timed(session, values, "1.0.0", "first bake, records the base layer", out);
            Files.writeString(scripts.resolve("30-app.sh"), "#!/bin/sh\nsleep 61\n");
            Duration cached = timed(session, values, "1.0.1", "app-only rebake from the cached base layer", out);
            Files.writeString(scripts.resolve("30-app.sh"), "#!/bin/sh\nsleep 62\n");
            values.put(PropertyNames.LAYER_CACHE, "false");
            Duration uncached = timed(session, values, "1.0.2", "the same rebake with layerCache=false", out);
            out.append(String.format("app-only rebake: %.2fx the bake without layers, %.2fx the first bake%n",
                    cached.toMillis() / (double) uncached.toMillis(), cached.toMillis() / (double) first.toMillis()));
        }
        System.out.println(out);
    }

    private Duration timed(AzureSession session, Map<String, String> values, String version, String what,
                           StringBuilder out) {
        BakeConfig config = BakeConfigReader.read(values, TestConfigs.info(dir, version),
                new ReadOptions(true, SecretResolver.environmentOnly(name -> null), false));
        int before = session.requestCount();
        long t0 = System.nanoTime();
        BakeResult result = new Baker(session.cloud(), new RecordingProgress(), HEARTBEAT).bake(config);
        Duration wall = nominal(System.nanoTime() - t0);
        out.append(String.format("%s: %s; %d ARM requests%n", what, seconds(wall), session.requestCount() - before));
        result.stepTimes().forEach((step, d) -> out.append(String.format("  %-100s %10s%n", step,
                seconds(nominal(d.toNanos())))));
        return wall;
    }

    /**
     * Loads the JVM's and the SDK's classes and opens the TLS connection with two reads, before anything is timed: at
     * time scale 0.05 the second of real time they take would count as 20 s of Azure's. Returns the requests made.
     */
    private static int warmUp(AzureSession session) {
        session.cloud().catalog().regions();
        session.cloud().catalog().vmSizes("westeurope");
        return session.requestCount();
    }

    /** A wall time measured at the time scale, as the nominal duration it stands for. */
    private static Duration nominal(long nanos) {
        return SCALE == 0 ? Duration.ofNanos(nanos) : Duration.ofMillis(Math.round(nanos / 1_000_000.0 / SCALE));
    }
}

package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An in-memory, rule-enforcing emulator of the Azure Resource Manager REST API, served over HTTPS (or HTTP) on
 * loopback, that the Azure SDK drives unmodified. See the package's APIs for what it covers.
 */
public final class ArmEmulator implements AutoCloseable {
    /** The subscription the emulator always knows. */
    public static final String DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    public static final String TENANT = "00000000-0000-0000-0000-0000000000aa";
    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm and the client's delayed ACK
        // each response then waits about 40 ms. The server reads this switch once; a value set elsewhere wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Builder options;
    private final CloudState cloud;
    private final StateFile stateFile;
    private HttpServer server;
    private ExecutorService executor;
    private ArmServer handler;
    private TlsMaterial tls;

    private ArmEmulator(Builder options) {
        this.options = options;
        this.cloud = new CloudState(new Clock(options.timeScale, options.timeSource), new Faults());
        this.stateFile = options.stateFile == null ? null : new StateFile(options.stateFile);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options; defaults: an ephemeral loopback port, HTTPS, time scale 0 (instant), no state file. */
    public static final class Builder {
        private int port;
        private boolean https = true;
        private double timeScale;
        private Path stateFile;
        private Path tlsStore;
        private Duration stateWait = Duration.ofMinutes(10);
        private Consumer<String> notice = line -> { };
        private Consumer<String> requestLog = line -> { };
        private Supplier<Instant> timeSource = Instant::now;
        private final Set<String> subscriptions = new LinkedHashSet<>(Set.of(DEFAULT_SUBSCRIPTION));
        private final List<Consumer<Entitlements>> entitlements = new ArrayList<>();

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        /** 1 = as slow as Azure; 0.01 = a hundred times faster; 0 = instant. */
        public Builder timeScale(double timeScale) {
            this.timeScale = timeScale;
            return this;
        }

        /**
         * Loads the cloud from this file if it exists and saves it there after every change. One emulator at a time
         * owns the file: start waits (see stateWait) while another holds it.
         */
        public Builder stateFile(Path stateFile) {
            this.stateFile = stateFile;
            return this;
        }

        /**
         * Where to keep the emulator's self-signed certificate between runs (a PKCS12 file, readable by its owner
         * only): making one costs a keytool run, about a second, at every start otherwise.
         */
        public Builder tlsStore(Path tlsStore) {
            this.tlsStore = tlsStore;
            return this;
        }

        /** How long start waits for a state file another emulator holds (default 10 minutes), and whom it tells. */
        public Builder stateWait(Duration wait, Consumer<String> notice) {
            this.stateWait = wait;
            this.notice = notice;
            return this;
        }

        /** Receives one line per request: method, path and status. */
        public Builder requestLog(Consumer<String> requestLog) {
            this.requestLog = requestLog;
            return this;
        }

        /** Where the emulator reads the time; tests in this package step it by hand to watch a script run. */
        Builder timeSource(Supplier<Instant> timeSource) {
            this.timeSource = timeSource;
            return this;
        }

        /** Makes a subscription known besides {@link #DEFAULT_SUBSCRIPTION}. */
        public Builder subscription(String subscriptionId) {
            if (!GUID.matcher(subscriptionId).matches()) {
                throw new IllegalArgumentException("a subscription id is a GUID, not '" + subscriptionId + "'");
            }
            subscriptions.add(subscriptionId.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Makes a VM size unavailable to every subscription in the given regions (all regions when none is
         * given): Resource SKUs lists it with a NotAvailableForSubscription restriction and a VM PUT of that size
         * answers 409 SkuNotAvailable.
         */
        public Builder restrictSize(String vmSize, String... locations) {
            entitlements.add(e -> ArmEmulator.restrict(e, vmSize, locations));
            return this;
        }

        /**
         * Accepts the marketplace terms of a plan (publisher, product = offer, plan name) for every subscription,
         * as {@code az vm image terms accept} would; without it a VM of a plan image fails with
         * MarketplacePurchaseEligibilityFailed until the agreements API accepts the terms.
         */
        public Builder acceptTerms(String publisher, String product, String plan) {
            entitlements.add(e -> e.terms(Entitlements.ANY, publisher, product, plan, true));
            return this;
        }

        /** Accepts the terms of every marketplace plan for every subscription. */
        public Builder acceptAllTerms() {
            entitlements.add(Entitlements::acceptAllTerms);
            return this;
        }

        public ArmEmulator start() throws IOException {
            ArmEmulator emulator = new ArmEmulator(this);
            try {
                emulator.startServer();
            } catch (IOException | RuntimeException e) {
                if (emulator.stateFile != null) {
                    emulator.stateFile.close();
                }
                throw e;
            }
            return emulator;
        }
    }

    private void startServer() throws IOException {
        cloud.subscriptions.addAll(options.subscriptions);
        options.entitlements.forEach(e -> e.accept(cloud.entitlements));
        if (stateFile != null) {
            stateFile.acquire(options.stateWait, options.notice);
            try {
                stateFile.load(cloud);
                stateFile.save(cloud);
            } catch (IOException | RuntimeException e) {
                stateFile.close();
                throw e;
            }
        }
        StorageApi storage = new StorageApi(cloud);
        BlobApi blobs = new BlobApi(cloud, storage);
        Router router = new Router();
        apis(storage, blobs).forEach(api -> api.register(router));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port);
        if (options.https) {
            tls = TlsMaterial.get(options.tlsStore);
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        handler = new ArmServer(cloud, router, blobs, options.requestLog, this::afterChange,
                options.https ? "https" : "http");
        server.createContext("/", handler);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "arm-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Every API the emulator serves. A new resource type is one class plus one line here. */
    private List<ResourceApi> apis(StorageApi storage, BlobApi blobs) {
        return List.of(
                new SubscriptionsApi(cloud, TENANT),
                new IdentityApi(TENANT),
                new OperationsApi(cloud),
                new ResourceGroupsApi(cloud),
                new NetworkApi(cloud),
                new VirtualMachinesApi(cloud),
                storage,
                new RunCommandsApi(cloud, blobs),
                new DisksApi(cloud),
                new SnapshotsApi(cloud),
                new MarketplaceApi(cloud),
                new ImagesApi(cloud),
                new GalleriesApi(cloud),
                new GalleryImageVersionsApi(cloud),
                new ResourceSkusApi(cloud),
                new MarketplaceOrderingApi(cloud),
                new BootDiagnosticsApi(cloud));
    }

    private static void restrict(Entitlements entitlements, String vmSize, String... locations) {
        if (locations.length == 0) {
            entitlements.restrict(vmSize, Entitlements.ANY);
        }
        for (String location : locations) {
            String region = Regions.normalize(location);
            if (region == null) {
                throw new IllegalArgumentException("unknown region '" + location + "'");
            }
            entitlements.restrict(vmSize, region);
        }
    }

    /** As {@link Builder#restrictSize}, while the emulator runs. */
    public void restrictSize(String vmSize, String... locations) {
        restrict(cloud.entitlements, vmSize, locations);
    }

    /** As {@link Builder#acceptTerms}, while the emulator runs. */
    public void acceptTerms(String publisher, String product, String plan) {
        cloud.entitlements.terms(Entitlements.ANY, publisher, product, plan, true);
    }

    private void afterChange() {
        if (stateFile != null) {
            stateFile.save(cloud);
        }
    }

    /** The base URL clients use as their resource manager endpoint, e.g. https://127.0.0.1:8443/. */
    public URI endpoint() {
        return URI.create((options.https ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The certificate clients must trust, PEM-encoded; null when serving plain HTTP. */
    public String certificatePem() {
        return tls == null ? null : tls.certificatePem();
    }

    /** The emulated cloud itself, for tests in this package that look at private state. */
    CloudState cloud() {
        return cloud;
    }

    public Faults faults() {
        return cloud.faults;
    }

    public double timeScale() {
        return cloud.clock.timeScale();
    }

    /** Every route the emulator serves, as "METHOD template"; contract tests check each has a test. */
    List<String> routes() {
        return handler.routes();
    }

    /** How many ARM requests (under /subscriptions) the emulator has answered. */
    public int armRequestCount() {
        return handler.requests.get();
    }

    /** Every operation the emulator answered so far, by Azure's names, in first-seen order. */
    public List<String> operationsAnswered() {
        synchronized (handler.operations) {
            return new ArrayList<>(handler.operations);
        }
    }

    /** Every resource as GET returns it, key-sorted JSON; no secret is ever stored, so none can appear. */
    public String inventoryJson() {
        synchronized (cloud) {
            cloud.operations.advance();
            ObjectNode root = Json.object();
            root.set("resources", cloud.inventory.publicView());
            return Json.writeSorted(root);
        }
    }

    public void writeInventory(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, inventoryJson(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        synchronized (cloud) {
            cloud.operations.advance();
            afterChange();
        }
        if (stateFile != null) {
            stateFile.close();
        }
    }
}

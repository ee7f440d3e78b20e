package dev.imagebaker.azureimage.azure;

import java.time.Duration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/** A connection pool and event loop of this goal's own, disposed when the goal ends. */
final class NettyResources implements AutoCloseable {
    private final ConnectionProvider pool = ConnectionProvider.builder("azure-image").maxConnections(16)
            .maxIdleTime(Duration.ofSeconds(50)).build();
    private final LoopResources loops = LoopResources.create("azure-image", 2, true);

    HttpClient client() {
        return HttpClient.create(pool).runOn(loops);
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }
}

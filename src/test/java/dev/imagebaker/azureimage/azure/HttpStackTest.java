package dev.imagebaker.azureimage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.LoopResources;

/**
 * The plugin ships the SDK's Netty client without Netty's native libraries (the pom excludes them): TLS is the
 * JDK's and the transport NIO, so no goal unpacks native code into the temporary directory (which hardened CI
 * runners mount noexec) and the plugin downloads 13 jars fewer. This fails if a new SDK version brings them back
 * by another path.
 */
class HttpStackTest {
    @Test
    void nettyUsesTheJdksTlsAndNoNativeTransport() {
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative on the classpath").isFalse();
        assertThat(SslContext.defaultClientProvider()).isEqualTo(SslProvider.JDK);
        assertThat(LoopResources.hasNativeSupport()).as("epoll, kqueue or io_uring on the classpath").isFalse();
    }
}

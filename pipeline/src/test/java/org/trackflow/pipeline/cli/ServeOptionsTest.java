package org.trackflow.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.serve.TrackflowServer;
import picocli.CommandLine;

/** How {@code serve} listens when nobody says: this machine only; another address only with a token. */
class ServeOptionsTest {
    @TempDir
    Path out;

    private static ServeOptions parsed(String... args) {
        ServeOptions o = new ServeOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void withNoOptionsItListensOnLoopbackOnly() throws Exception {
        TrackflowServer.Settings s = parsed().settings(0, null, false);
        assertThat(InetAddress.getByName(s.host()).isLoopbackAddress()).isTrue();
        try (TrackflowServer server = ServeOptions.start(new Output(new LocalStorage(), out.toUri().toString()), s)) {
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                assertThat(local.isConnected()).isTrue();
            }
            // from this machine's other addresses (what the network sees) nothing answers
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a.isLoopbackAddress() || !(a instanceof Inet4Address)) {
                        continue;
                    }
                    try (Socket other = new Socket()) {
                        assertThatThrownBy(() -> other.connect(new InetSocketAddress(a, server.port()), 2000)).as("%s", a)
                                .isInstanceOf(java.io.IOException.class);
                    }
                }
            }
        }
    }

    @Test
    void anotherAddressWithoutATokenIsRefused() {
        TrackflowServer.Settings s = parsed("--bind", "0.0.0.0").settings(0, null, false);
        assertThatThrownBy(() -> ServeOptions.start(new Output(new LocalStorage(), out.toUri().toString()), s))
                .isInstanceOf(UserError.class).hasMessageContaining("token");
        assertThat(parsed("--bind", "0.0.0.0", "--token", "s3cret").settings(0, null, false).token()).isEqualTo("s3cret");
    }
}

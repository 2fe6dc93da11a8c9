package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** This JVM's own sockets, read from the real /proc. */
class ListeningSocketsTest {

    @Test
    void seesOwnListeningPortAndItsConnections() throws Exception {
        ListeningSockets sockets = new ListeningSockets();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            assertThat(sockets.snapshot().listeningPorts()).contains(port);
            int before = sockets.snapshot().connectionsExcept(Set.of());
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port); Socket accepted = server.accept()) {
                ListeningSockets.Snapshot s = sockets.snapshot();
                // the accepted side counts (local port = listening port); the client side does not
                assertThat(s.connectionsExcept(Set.of())).isEqualTo(before + 1);
                assertThat(s.connectionsExcept(Set.of(port))).isEqualTo(before);
            }
        }
    }

    @Test
    void closedPortIsGone() throws Exception {
        ListeningSockets sockets = new ListeningSockets();
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        assertThat(sockets.snapshot().listeningPorts()).doesNotContain(port);
    }

    @Test
    void withoutProcNothingIsKnown() {
        ListeningSockets.Snapshot s = new ListeningSockets(Path.of("/nonexistent/proc")).snapshot();
        assertThat(s.listeningPorts()).isEmpty();
        assertThat(s.connectionsExcept(Set.of())).isZero();
    }
}

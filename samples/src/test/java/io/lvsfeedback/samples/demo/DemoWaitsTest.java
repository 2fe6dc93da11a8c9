package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lvsfeedback.testfixtures.Commands;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo scripts' waits (demo/waits.sh), run by real bash against real HTTP servers on loopback:
 * the bash-only HTTP probe accepts what {@code curl -f} accepts and nothing else, and a wait ends
 * with the status that says why.
 */
class DemoWaitsTest {

    private static final Path WAITS = Path.of("demo/waits.sh").toAbsolutePath();
    private static HttpServer server;
    private static int okPort;

    @BeforeAll
    static void startServers() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        okPort = server.getAddress().getPort();
    }

    @AfterAll
    static void stopServers() {
        server.stop(0);
    }

    @Test
    void probeAcceptsAnAnsweringServer() {
        assertThat(bash("http_ok 127.0.0.1 " + okPort).status).isZero();
    }

    @Test
    void probeRefusesAClosedPortAndAnErrorStatus() throws Exception {
        assertThat(bash("http_ok 127.0.0.1 " + closedPort()).status).isNotZero();
        HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        failing.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.start();
        try {
            assertThat(bash("http_ok 127.0.0.1 " + failing.getAddress().getPort()).status).isNotZero();
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void waitEndsWithUpTimeOrExitedStatus() throws Exception {
        // $$ is the bash itself: alive for the whole wait.
        assertThat(bash("http_wait_loop 127.0.0.1 " + okPort + " $$ 30").status).as("up").isZero();
        assertThat(bash("http_wait_loop 127.0.0.1 " + closedPort() + " $$ 2").status).as("time limit").isEqualTo(4);
        assertThat(bash("sleep 0.1 & p=$!; wait $p; http_wait_loop 127.0.0.1 " + closedPort() + " $p 30").status)
                .as("process exited").isEqualTo(3);
    }

    @Test
    void waitGoneSeesAnExitAndATimeLimit() {
        assertThat(bash("sleep 0.5 & p=$!; wait_gone $p 10").status).as("exited").isZero();
        Commands.Result running = bash("sleep 30 & p=$!; wait_gone $p 1; s=$?; kill $p; exit $s");
        assertThat(running.status).as("still running after the limit").isEqualTo(1);
    }

    private static Commands.Result bash(String script) {
        return Commands.exec(List.of("bash", "-c", ". " + WAITS + "; " + script), 60);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again when this returns
        }
    }
}

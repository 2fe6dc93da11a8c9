package io.lvsfeedback.samples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a loopback server that answers each request with the next canned bytes. */
class HttpConnectionTest {
    private ServerSocket server;
    private Thread acceptor;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile List<String> answers = List.of();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "canned-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    /** One connection at a time; each request (head up to the blank line) gets the next answer. */
    private void serve() {
        int next = 0;
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                for (String head = readHead(in); head != null; head = readHead(in)) {
                    requests.add(head);
                    String answer = next < answers.size() ? answers.get(next++) : "";
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    if (head.contains("Connection: close") || answer.isEmpty()) {
                        break;
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (b.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                return b.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    private static long inSeconds(int s) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(s);
    }

    @Test
    void keepAliveCarriesSeveralRequestsAndReadsLengthAndChunkedBodies() throws IOException {
        answers = List.of("HTTP/1.1 200 OK\r\nContent-Length: 22\r\n\r\nserver=rs1 work=done\r\n",
                "HTTP/1.1 503 Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nserver\r\n5\r\n=rs2 \r\n0\r\n\r\n");
        try (HttpConnection c = HttpConnection.open(address(), inSeconds(10))) {
            HttpConnection.Answer first = c.get("vip", "/work", false, inSeconds(10));
            HttpConnection.Answer second = c.get("vip", "/work", true, inSeconds(10));

            assertThat(first).isEqualTo(new HttpConnection.Answer(200, "rs1", "server=rs1 work=done\r\n"));
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.server()).isEqualTo("rs2");
        }
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).startsWith("GET /work HTTP/1.1\r\nHost: vip\r\n").contains("Connection: keep-alive");
        assertThat(requests.get(1)).contains("Connection: close");
    }

    @Test
    void aBodyWithoutLengthIsReadToTheCloseAndPostSendsAnEmptyBody() throws IOException {
        answers = List.of("HTTP/1.1 400 Bad Request\r\n\r\nlatency-ms: 'oops' is not a number\n");
        try (HttpConnection c = HttpConnection.open(address(), inSeconds(10))) {
            HttpConnection.Answer a = c.post("10.0.0.12", "/admin/cost?latency-ms=oops", inSeconds(10));

            assertThat(a.status()).isEqualTo(400);
            assertThat(a.server()).isEqualTo(HttpConnection.Answer.UNNAMED);
            assertThat(a.body()).isEqualTo("latency-ms: 'oops' is not a number\n");
        }
        assertThat(requests.get(0)).startsWith("POST /admin/cost?latency-ms=oops HTTP/1.1\r\n")
                .contains("Content-Length: 0\r\n");
    }

    @Test
    void anAnswerWithoutStatusLineHasStatusZero() throws IOException {
        answers = List.of("garbage\r\n\r\n");
        try (HttpConnection c = HttpConnection.open(address(), inSeconds(10))) {
            assertThat(c.get("h", "/", true, inSeconds(10)).status()).isZero();
        }
    }

    @Test
    void aServerThatNeverAnswersCostsTheDeadline() throws IOException {
        answers = List.of("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nserver=rs1"); // 90 bytes short
        try (HttpConnection c = HttpConnection.open(address(), inSeconds(10))) {
            assertThatThrownBy(() -> c.get("h", "/", false, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}

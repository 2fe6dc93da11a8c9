package io.lvsfeedback.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenLoopLoadTest {
    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", x -> {
            int n = served.incrementAndGet();
            // Every fifth request fails, the others name one of two servers.
            int status = n % 5 == 0 ? 500 : 200;
            byte[] body = ("server=rs" + (n % 2 + 1) + " work=done\n").getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(status, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsEveryScheduledRequestAndCountsErrorsAndServers() throws Exception {
        HttpProbe probe = new HttpProbe(server.getAddress(), "/work", 5000);

        // As many slots as requests: the client can never saturate, whatever the machine's speed.
        OpenLoopLoad.Result r = OpenLoopLoad.run(probe, 40, 0, 1, 40, 0)[0];

        String s = r.summary();
        assertThat(s).contains("requests 40 ok 32 errors 8 ");
        assertThat(s).contains("rs1=16").contains("rs2=16").contains("http_500=8");
        assertThat(served.get()).isEqualTo(40);
        // 8 of 40 failed: p99 over every request is the failure's time-out (5 s); over successes it is not.
        assertThat(s).contains("p99_all_ms 5000.0").doesNotContain("p99_ms 5000.0");
    }

    @Test
    void theTailCountsOnlyTheRequestsScheduledAfterItsStart() throws Exception {
        HttpProbe probe = new HttpProbe(server.getAddress(), "/work", 5000);

        // 20 requests/s for 2 s; the tail starts after 1 s: the second half of the schedule.
        OpenLoopLoad.Result[] r = OpenLoopLoad.run(probe, 20, 0, 2, 40, 1);

        assertThat(r[0].summary()).contains("requests 40 ");
        assertThat(r[1].summary()).contains("requests 20 ");
    }

    @Test
    void parsesTheSampleAnswer() {
        HttpProbe.Answer a = HttpProbe.Answer.parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nserver=rs3 work=done cpu=1ms\n");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.server()).isEqualTo("rs3");
        assertThat(HttpProbe.Answer.parse("garbage")).isEqualTo(new HttpProbe.Answer(0, "?"));
    }
}

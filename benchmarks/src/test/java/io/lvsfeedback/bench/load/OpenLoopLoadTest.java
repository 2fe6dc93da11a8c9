package io.lvsfeedback.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

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
        // As many slots as requests: the client can never saturate, whatever the machine's speed.
        OpenLoopLoad.Result r = OpenLoopLoad.run(plan(40, 1), 0)[0];

        String s = r.summary();
        assertThat(s).contains("requests 40 ok 32 errors 8 ");
        assertThat(s).contains("rs1=16").contains("rs2=16").contains("http_500=8");
        assertThat(served.get()).isEqualTo(40);
        // 8 of 40 failed: p99 over every request is the failure's time-out (5 s); over successes it is not.
        assertThat(s).contains("p99_all_ms 5000.0").doesNotContain("p99_ms 5000.0");
    }

    @Test
    void theTailCountsOnlyTheRequestsScheduledAfterItsStart() throws Exception {
        // 20 requests/s for 2 s; the tail starts after 1 s: the second half of the schedule.
        OpenLoopLoad.Result[] r = OpenLoopLoad.run(plan(20, 2), 1);

        assertThat(r[0].summary()).contains("requests 40 ");
        assertThat(r[1].summary()).contains("requests 20 ");
    }

    @Test
    void everyConnectionIsReportedWithItsSourcePortAndServer() throws Exception {
        java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        OpenLoad.run(plan(20, 1), new LoadOutcomes() {
            @Override
            public void answered(long schedEpochMs, long latencyNanos, io.lvsfeedback.samples.http.HttpConnection.Answer a) {
            }

            @Override
            public void failed(long schedEpochMs, String why, String server) {
            }

            @Override
            public void lag(long nanos) {
            }

            @Override
            public void connection(long openedEpochMs, int localPort, String server) {
                seen.add(localPort + " " + server);
            }
        });
        // 20 connections (one per request), each from its own client port, each answer naming its server.
        assertThat(seen).hasSize(20).allMatch(l -> l.matches("\\d+ rs[12]"));
        assertThat(seen.stream().map(l -> l.split(" ")[0]).distinct().count()).isEqualTo(20);
        assertThat(seen).noneMatch(l -> l.startsWith(server.getAddress().getPort() + " "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rate=0              | rate",
        "rate=fast           | rate",
        "port=70000          | port",
        "duration=0          | duration",
        "timeout=-1          | timeout",
        "max-in-flight=0     | max-in-flight",
        "tail-after=60       | tail-after",
        "speed=3             | speed=3",
    })
    void badArgumentsStopWithStatus2NamingTheOption(String argument, String named) {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new OpenLoopLoad()).setErr(new PrintWriter(err)).execute(argument);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(named).contains("Usage: OpenLoopLoad");
    }

    private OpenLoad.Plan plan(double rate, double seconds) {
        return new OpenLoad.Plan(server.getAddress(), "/work", rate, 0, seconds, 5000, 40, 1, 0);
    }
}

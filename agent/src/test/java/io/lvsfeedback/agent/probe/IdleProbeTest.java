package io.lvsfeedback.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleProbeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holdAnswers;
    private HttpServer server;
    private IdleProbe probe;

    private IdleProbe probe(String path) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", x -> {
            requests.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + x.getRequestHeaders().getFirst("Connection")
                    + " " + x.getRequestHeaders().getFirst("Host"));
            try {
                if (holdAnswers) {
                    release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(status.get(), body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        probe = new IdleProbe(ProbeTarget.parse("http://127.0.0.1:" + server.getAddress().getPort() + path), 5000, nanos::get);
        return probe;
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void oneGetAtATimeWhateverHowOftenItIsFired() throws Exception {
        holdAnswers = true;
        IdleProbe p = probe("/work?probe=1");
        for (int i = 0; i < 20; i++) {
            p.fire();
        }
        await().atMost(PATIENCE).until(() -> requests.size() == 1);
        p.fire();
        Thread.sleep(200); // a second GET would have arrived by now
        assertThat(requests).containsExactly("GET /work?probe=1 close 127.0.0.1:" + server.getAddress().getPort());
        release.countDown();
        await().atMost(PATIENCE).until(() -> !p.inFlight());
        p.fire();
        await().atMost(PATIENCE).until(() -> requests.size() == 2);
        assertThat(p.sent()).isEqualTo(2);
        assertThat(p.failed()).isZero();
        assertThat(p.lastProblem()).isEmpty();
    }

    /** Fires until {@code n} requests arrived (the previous probe's thread may still be finishing). */
    private boolean fires(IdleProbe p, int n) {
        p.fire();
        return requests.size() >= n;
    }

    @Test
    void aFailedProbeWaitsTwiceAsLongBeforeTheNextOneEachTime() throws Exception {
        status.set(404);
        IdleProbe p = probe("/nothing-here");
        p.fire();
        await().atMost(PATIENCE).until(() -> p.failed() == 1);
        assertThat(p.lastProblem()).isEqualTo("HTTP status 404");
        assertThat(sentWithin(p, 0)).as("right after the failure").isEqualTo(1);
        assertThat(sentWithin(p, 999)).as("within the first second").isEqualTo(1);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        await().atMost(PATIENCE).until(() -> fires(p, 2) && p.failed() == 2);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        assertThat(sentWithin(p, 0)).as("1.5 s after the second failure: waits 2 s").isEqualTo(2);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        status.set(200);
        p.fire();
        await().atMost(PATIENCE).until(() -> requests.size() == 3 && !p.inFlight());
        assertThat(p.sent()).isEqualTo(3);
        assertThat(p.failed()).isEqualTo(2);
        p.fire();
        await().atMost(PATIENCE).until(() -> requests.size() == 4 && !p.inFlight());
        assertThat(p.sent()).as("a success ends the wait").isEqualTo(4);
    }

    @Test
    void theWaitNeverExceedsAMinute() throws Exception {
        status.set(500);
        IdleProbe p = probe("/");
        for (int i = 1; i <= 12; i++) {
            int n = i;
            await().atMost(PATIENCE).until(() -> fires(p, n) && p.failed() == n);
            nanos.addAndGet(IdleProbe.MAX_BACKOFF_NANOS);
        }
        assertThat(p.sent()).isEqualTo(12);
    }

    private long sentWithin(IdleProbe p, long millis) throws InterruptedException {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        p.fire();
        Thread.sleep(100);
        return p.sent();
    }

    @Test
    void noServerOrNoHttpAnswerIsAFailureNeverAnException() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        IdleProbe refused = new IdleProbe(ProbeTarget.parse("http://127.0.0.1:" + closed + "/"), 2000, nanos::get);
        try {
            refused.fire();
            await().atMost(PATIENCE).until(() -> refused.failed() == 1);
            assertThat(refused.lastProblem()).contains("Connect");
        } finally {
            refused.close();
        }
        try (ServerSocket garbage = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = garbage.accept(); OutputStream out = c.getOutputStream()) {
                    out.write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the probe's side decides the test
                }
            });
            t.start();
            IdleProbe p = new IdleProbe(ProbeTarget.parse("http://127.0.0.1:" + garbage.getLocalPort() + "/"), 2000, nanos::get);
            try {
                p.fire();
                await().atMost(PATIENCE).until(() -> p.failed() == 1);
                assertThat(p.lastProblem()).contains("not an HTTP answer");
            } finally {
                p.close();
            }
            t.join(5000);
        }
    }

    @Test
    void aClosedProbeSendsNothing() throws Exception {
        IdleProbe p = probe("/");
        p.close();
        p.fire();
        Thread.sleep(200);
        assertThat(requests).isEmpty();
    }

    @Test
    void whileStarvedProbesFollowEachOtherBackToBackOneAtATimeAndStopWhenNot() throws Exception {
        IdleProbe p = probe("/");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            p.starved(true); // a sample every 20 ms
            return requests.size() >= 5;
        });
        p.starved(false);
        await().atMost(PATIENCE).until(() -> !p.inFlight());
        int stopped = requests.size();
        Thread.sleep(300);
        assertThat(requests).as("none after the sample that was not starved").hasSize(stopped);
        assertThat(p.sent()).isEqualTo(stopped);
        assertThat(p.failed()).isZero();
    }

    @Test
    void aStarvedSampleAllowsTwoProbesAndAFailureEndsThem() throws Exception {
        IdleProbe p = probe("/");
        p.starved(true);
        await().atMost(PATIENCE).until(() -> requests.size() >= IdleProbe.PER_SAMPLE && !p.inFlight());
        Thread.sleep(300);
        assertThat(requests).as("two for the sample, then the next sample's word").hasSize(IdleProbe.PER_SAMPLE);
        p.starved(true);
        await().atMost(PATIENCE).until(() -> requests.size() >= 2 * IdleProbe.PER_SAMPLE && !p.inFlight());
        status.set(503);
        p.starved(true);
        await().atMost(PATIENCE).until(() -> p.failed() == 1 && !p.inFlight());
        Thread.sleep(300);
        assertThat(requests).as("a failure ends the sample's probes and waits").hasSize(2 * IdleProbe.PER_SAMPLE + 1);
        p.starved(true);
        Thread.sleep(300);
        assertThat(requests).as("backing off: a starved sample sends nothing").hasSize(2 * IdleProbe.PER_SAMPLE + 1);
    }

    /** A 20 MB answer: the probe reads at most 64 KiB of it, closes, and counts the status. */
    @Test
    void aHugeAnswerIsReadOnlyToItsBoundAndCountsAsAnswered() throws Exception {
        try (ServerSocket huge = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicLong written = new AtomicLong();
            Thread t = new Thread(() -> {
                try (Socket c = huge.accept(); OutputStream out = c.getOutputStream()) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 20000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[65536];
                    for (int i = 0; i < 305; i++) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException expected) {
                    // the probe closed after its bound: the rest cannot be written
                }
            });
            t.start();
            IdleProbe p = new IdleProbe(ProbeTarget.parse("http://127.0.0.1:" + huge.getLocalPort() + "/"), 5000, nanos::get);
            try {
                p.fire();
                await().atMost(PATIENCE).until(() -> p.sent() == 1 && !p.inFlight());
                assertThat(p.failed()).isZero();
            } finally {
                p.close();
            }
            t.join(PATIENCE.toMillis());
            assertThat(written.get()).as("the server could not send it all").isLessThan(20_000_000L);
        }
    }
}

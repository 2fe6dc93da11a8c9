package io.lvsfeedback.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.agent.config.SignalWeights;
import io.lvsfeedback.agent.signal.LoadSignal;
import io.lvsfeedback.agent.signal.PathCheck;
import io.lvsfeedback.agent.testing.FakeClock;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.AgentCheckLine;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.Signals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ReporterTest {
    private final FakeClock clock = new FakeClock();
    private double cpu = 0.2;
    private final LoadSignal cpuSignal = out -> out.put(Signals.CPU_SYSTEM, cpu);
    private final AtomicReference<String> network = new AtomicReference<>();
    private final AdminControl admin = new AdminControl();

    private Reporter reporter(List<LoadSignal> signals, List<PathCheck> checks) {
        Tunables t = new Tunables(Duration.ofSeconds(10), new SignalWeights(1, 1, 1, 1), 0.1, 0.9, 1);
        return new Reporter(clock, signals, checks, t, admin, network::get, () -> List.of(8080), () -> "rs1");
    }

    private Reporter reporter() {
        return reporter(List.of(cpuSignal), List.of());
    }

    private void tickEverySecond(Reporter r, int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(Duration.ofSeconds(1));
            r.tick();
        }
    }

    @Test
    void reportCarriesSignalsPortsHostAndWeight() {
        Reporter r = reporter();
        tickEverySecond(r, 3);
        FeedbackReport report = r.current();
        assertThat(report.state()).isEqualTo(AdminState.READY);
        assertThat(report.weightPercent()).isEqualTo(80);
        assertThat(report.signal(Signals.CPU_SYSTEM)).isEqualTo(0.2);
        assertThat(report.ports()).containsExactly(8080);
        assertThat(report.host()).isEqualTo("rs1");
        assertThat(report.timestampMillis()).isEqualTo(clock.wallMillis());
        assertThat(report.uptimeMillis()).isEqualTo(3000);
    }

    @Test
    void oneSpikeMovesTheWeightOnlyALittle() {
        Reporter r = reporter();
        tickEverySecond(r, 5);
        cpu = 1.0; // one sample of a saturated CPU, e.g. during a long GC pause
        tickEverySecond(r, 1);
        // 10 s time constant, 1 s step: the weight moves by 1 - e^-0.1 (9.5%) of the 80-point jump
        assertThat(r.current().weightPercent()).isEqualTo(72);
        cpu = 0.2;
        tickEverySecond(r, 30);
        assertThat(r.current().weightPercent()).isEqualTo(80);
    }

    @Test
    void sustainedLoadIsFollowed() {
        Reporter r = reporter();
        tickEverySecond(r, 2);
        cpu = 0.7;
        tickEverySecond(r, 60);
        assertThat(r.current().weightPercent()).isEqualTo(30);
    }

    @Test
    void operatorActionsShowAtOnceWithoutATick() {
        Reporter r = reporter();
        tickEverySecond(r, 1);
        r.admin().drain();
        assertThat(AgentCheckLine.format(r.current())).isEqualTo("0% drain\n");
        r.admin().resume();
        assertThat(AgentCheckLine.format(r.current())).isEqualTo("80% ready\n");
        r.admin().maintenance("kernel update");
        assertThat(r.current().state()).isEqualTo(AdminState.MAINT);
        assertThat(r.current().reason()).isEqualTo("kernel update");
        r.admin().resume();
        r.admin().weightOverride(33);
        assertThat(r.current().weightPercent()).isEqualTo(33);
        r.admin().clearWeightOverride();
        assertThat(r.current().weightPercent()).isEqualTo(80);
    }

    @Test
    void shutdownDrainWinsOverEverything() {
        Reporter r = reporter();
        r.admin().maintenance("x");
        r.admin().shutdown();
        r.admin().resume();
        assertThat(r.current().state()).isEqualTo(AdminState.DRAIN);
        assertThat(r.current().reason()).isEqualTo("shutting down");
        assertThat(r.current().weightPercent()).isZero();
    }

    @Test
    void failedNetworkCheckMeansDownWithTheReason() {
        Reporter r = reporter();
        network.set("vip 10.0.0.10/32 on lo: expected present, found absent");
        tickEverySecond(r, 1);
        assertThat(AgentCheckLine.format(r.current()))
                .isEqualTo("down #vip 10.0.0.10/32 on lo: expected present, found absent\n");
        network.set(null);
        tickEverySecond(r, 1);
        assertThat(r.current().state()).isEqualTo(AdminState.READY);
    }

    @Test
    void failingDependencyDrains() {
        try (PathCheck missing = new PathCheck(Path.of("/nonexistent/lvs-agent-test"), Duration.ofSeconds(5), clock)) {
            Reporter r = reporter(List.of(cpuSignal), List.of(missing));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                missing.poll();
                r.tick();
                assertThat(r.current().state()).isEqualTo(AdminState.DRAIN);
            });
            assertThat(r.current().reason()).contains("/nonexistent/lvs-agent-test");
        }
    }

    @Test
    void stateListenersHearChangesOnly() {
        Reporter r = reporter();
        List<String> heard = new ArrayList<>();
        r.addStateListener((before, after) -> heard.add(before.state().word() + "->" + after.state().word()));
        tickEverySecond(r, 3);
        r.admin().drain();
        r.admin().drain();
        r.admin().resume();
        assertThat(heard).containsExactly("ready->drain", "drain->ready");
    }

    // The feedback port serves the report before the first sample: it must not say ready for a
    // real server whose network is not verified yet.
    @Test
    void theFirstReportAlreadyCarriesTheNetworkProblem() {
        network.set("real-server network not verified yet (agent starting)");
        Reporter r = reporter();
        assertThat(r.current().state()).isEqualTo(AdminState.DOWN);
        assertThat(r.current().weightPercent()).isZero();
        assertThat(r.current().reason()).isEqualTo("real-server network not verified yet (agent starting)");
    }

    @Test
    void aBrokenSignalLeavesTheOthersWorking() {
        LoadSignal broken = out -> {
            throw new IllegalStateException("boom");
        };
        Reporter r = reporter(List.of(broken, cpuSignal), List.of());
        tickEverySecond(r, 1);
        assertThat(r.current().signal(Signals.CPU_SYSTEM)).isEqualTo(0.2);
    }

    @Test
    void capacityFromRateAndUtilization() {
        LoadSignal traffic = out -> {
            out.put(Signals.REQUESTS_PER_SECOND, 100.0);
            out.put(Signals.CPU_PROCESS, 0.25);
        };
        Reporter r = reporter(List.of(traffic), List.of());
        tickEverySecond(r, 2);
        assertThat(r.current().signal(Signals.CAPACITY)).isCloseTo(400.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.current().signal(Signals.UTILIZATION)).isEqualTo(0.25);
    }

    /** Issue 14: a late sampling thread must not hand two directors asking for the same instant different samples. */
    @Test
    void aDueSampleTheSamplingThreadHasNotTakenIsTakenByThePollAndEveryDirectorGetsThatOne() {
        Reporter r = reporter();
        r.sampleInterval(1000);
        long start = clock.wallMillis(); // a multiple of 1000
        r.tick(start);
        clock.advance(Duration.ofMillis(1400)); // the boundary at start + 1000 passed, its tick is late
        cpu = 0.6;
        FeedbackReport first = r.reportAt(start + 1400);
        assertThat(first.epochMillis()).isEqualTo(start + 1000);
        assertThat(first.signal(Signals.CPU_SYSTEM)).isEqualTo(0.6);
        cpu = 0.9;
        clock.advance(Duration.ofMillis(300)); // a second director, later within the same interval
        assertThat(r.reportAt(start + 1400)).isSameAs(first);
        r.tick(start + 1000); // the sampling thread arrives for the boundary already taken: skipped
        assertThat(r.current().sequence()).isEqualTo(first.sequence());
        r.tick(start + 2000);
        assertThat(r.current().epochMillis()).isEqualTo(start + 2000);
        assertThat(r.current().signal(Signals.CPU_SYSTEM)).isEqualTo(0.9);
    }

    @Test
    void aBoundaryNotDueYetOnThisClockIsNotSampledAhead() {
        Reporter r = reporter();
        r.sampleInterval(1000);
        long start = clock.wallMillis();
        r.tick(start);
        long sequence = r.current().sequence();
        // The director's clock runs 300 ms ahead: it asks for a boundary this host has not reached.
        clock.advance(Duration.ofMillis(800));
        assertThat(r.reportAt(start + 1100).epochMillis()).isEqualTo(start);
        assertThat(r.current().sequence()).isEqualTo(sequence);
    }

    @Test
    void withoutAKnownIntervalOrAtAPollAsksForNothingToBeSampled() {
        Reporter r = reporter();
        long start = clock.wallMillis();
        r.tick(start);
        clock.advance(Duration.ofMillis(2500));
        long sequence = r.current().sequence();
        assertThat(r.reportAt(start + 2400).epochMillis()).isEqualTo(start);
        r.sampleInterval(1000);
        assertThat(r.reportAt(0).epochMillis()).isEqualTo(start);
        assertThat(r.current().sequence()).isEqualTo(sequence);
    }

    @Test
    void aClockSteppedFarBackKeepsSampling() {
        Reporter r = reporter();
        r.sampleInterval(1000);
        long start = clock.wallMillis();
        r.tick(start);
        r.tick(start - 3_600_000); // NTP stepped the clock back an hour: the schedule follows it
        assertThat(r.current().epochMillis()).isEqualTo(start - 3_600_000);
        r.tick(start - 1000); // but a boundary just behind the last one is not sampled twice
        assertThat(r.current().epochMillis()).isEqualTo(start - 1000);
    }

    /** idle-probe: a sample that finds the server starved starts the probes; a busy one none, and stops them. */
    @Test
    void aStarvedSampleFiresTheIdleProbeAndABusyOneDoesNot() throws Exception {
        java.util.concurrent.atomic.AtomicInteger gets = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 5);
        http.createContext("/", x -> {
            gets.incrementAndGet();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        http.start();
        double[] rps = {10};
        LoadSignal requests = out -> {
            out.put(Signals.REQUESTS_PER_SECOND, rps[0]);
            out.put(Signals.CONCURRENCY, rps[0] * 0.05);
            out.put(Signals.IN_FLIGHT, 0.0);
            out.put(Signals.POOL_MAX, 4.0);
        };
        io.lvsfeedback.agent.probe.IdleProbe probe = new io.lvsfeedback.agent.probe.IdleProbe(
                io.lvsfeedback.agent.probe.ProbeTarget.parse("http://127.0.0.1:" + http.getAddress().getPort() + "/ping"),
                5000, System::nanoTime);
        try {
            Reporter r = reporter(List.of(requests), List.of());
            r.idleProbe(probe);
            tickEverySecond(r, 3);
            Thread.sleep(200);
            assertThat(gets.get()).as("10 requests a second: not starved").isZero();
            rps[0] = 0;
            tickEverySecond(r, 1);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gets.get() >= 2);
            rps[0] = 10;
            tickEverySecond(r, 1);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> probe.sent() == gets.get());
            int sent = gets.get();
            Thread.sleep(300);
            assertThat(gets.get()).as("busy again: the probes stop").isEqualTo(sent);
        } finally {
            probe.close();
            http.stop(0);
        }
    }
}

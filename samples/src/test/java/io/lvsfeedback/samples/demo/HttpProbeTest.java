package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.samples.app.SampleApp;
import io.lvsfeedback.samples.app.SampleAppConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    @Test
    void boundedLoadAgainstTheSampleAppRecordsEveryRequest() throws Exception {
        try (SampleApp app = SampleApp.start(new SampleAppConfig("rs9", "127.0.0.1", 0, 16),
                new SimpleMeterRegistry(), ManagementFactory.getPlatformMBeanServer())) {
            HttpProbe probe = new HttpProbe(new InetSocketAddress("127.0.0.1", app.port()), "/work", 5000);
            long start = System.nanoTime();
            try (LoadGenerator load = new LoadGenerator(probe, 2, 50, 60_000, 20)) {
                load.start(start);
                load.join(60_000);
                assertThat(load.records()).hasSize(20).allSatisfy(r -> {
                    assertThat(r.ok()).isTrue();
                    assertThat(r.server()).isEqualTo("rs9");
                });
            }
        }
    }

    @Test
    void scenarioAdminCallChangesTheCostOverHttp() throws Exception {
        try (SampleApp app = SampleApp.start(new SampleAppConfig("rs8", "127.0.0.1", 0, 16),
                new SimpleMeterRegistry(), ManagementFactory.getPlatformMBeanServer())) {
            assertThat(Scenario.admin("127.0.0.1", app.port(), "reset=true&latency-ms=5"))
                    .endsWith("-> 200 cpu-ms=0 latency-ms=5 error-rate=0.0");
            assertThat(app.cost().get().latencyMillis()).isEqualTo(5);
            assertThat(Scenario.admin("127.0.0.1", app.port(), "latency-ms=oops")).contains("-> 400");
        }
    }

    @Test
    void refusedConnectionIsAFailedRecordNotAnException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        RequestRecord r = new HttpProbe(new InetSocketAddress("127.0.0.1", port), "/", 2000).send(System.nanoTime());
        assertThat(r.ok()).isFalse();
        assertThat(r.status()).isZero();
        assertThat(r.server()).isNull();
    }
}

package io.lvsfeedback.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.engine.FakeIpvsTable;
import io.lvsfeedback.bridge.ipvs.ServiceEntry;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import org.junit.jupiter.api.Test;

/**
 * sh and mh keep a zero-weight destination's hash slots: without their fallback flag the kernel
 * refuses the new connections that hash there, so a drain drops that server's share of traffic
 * (seen in the lab: 61-73 % of requests answered while rs3 was drained under mh with mh-port only).
 * The bridge cannot fix the service for the operator; it says so, in the log and on the status page.
 */
class ZeroWeightRefusalTest {
    static final String WEB = "tcp:10.0.0.10:80";

    @Test
    void onlyHashingSchedulersWithoutTheirFallbackFlagRefuseAtZero() {
        assertThat(ServiceEntry.zeroWeightRefuses("mh", 0)).isTrue();
        assertThat(ServiceEntry.zeroWeightRefuses("sh", 0x10)).as("sh-port alone").isTrue();
        assertThat(ServiceEntry.zeroWeightRefuses("mh", ServiceEntry.SCHED_FLAG_FALLBACK)).isFalse();
        assertThat(ServiceEntry.zeroWeightRefuses("sh", ServiceEntry.SCHED_FLAG_FALLBACK | 0x10)).isFalse();
        for (String other : new String[] {"wrr", "wlc", "rr", "lc", "sed", "nq", "dh", "lblc", "fo", "ovf", "twos"}) {
            assertThat(ServiceEntry.zeroWeightRefuses(other, 0)).as(other).isFalse();
        }
    }

    @Test
    void theStatusPageWarnsUntilTheFallbackFlagIsSet() {
        FakeIpvsTable table = new FakeIpvsTable().service(WEB, "mh").flags(WEB, 0x10)
                .dest(WEB, "10.0.0.1:80", 100).dest(WEB, "10.0.0.2:80", 100);
        try (StatusFixture f = new StatusFixture(table)) {
            f.cycles(1);
            assertThat(f.engine.service(ServiceKey.parse(WEB)).zeroWeightRefuses()).isTrue();
            assertThat(f.page().render()).contains("mh without mh-fallback");

            table.flags(WEB, 0x10 | ServiceEntry.SCHED_FLAG_FALLBACK);
            f.cycles(1);
            assertThat(f.engine.service(ServiceKey.parse(WEB)).zeroWeightRefuses()).isFalse();
            assertThat(f.page().render()).doesNotContain("without mh-fallback");
        }
    }

    @Test
    void weightedRoundRobinGetsNoSuchWarning() {
        FakeIpvsTable table = new FakeIpvsTable().service(WEB, "wrr").dest(WEB, "10.0.0.1:80", 100);
        try (StatusFixture f = new StatusFixture(table)) {
            f.cycles(1);
            assertThat(f.page().render()).doesNotContain("-fallback");
        }
    }
}

package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict's arithmetic on a made-up run whose outcome is known. */
class VerdictTest {

    private static final DemoSettings SETTINGS = DemoSettings.parse(new String[] {
        "--duration=60", "--slow-at=10", "--recover-at=20", "--drain-at=30", "--resume-at=40"});

    @Test
    void aRunThatBehavesPassesEveryCheck() {
        List<Tick> ticks = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>();
        for (int sec = 1; sec <= 60; sec++) {
            int victimWeight = sec < 12 ? 100 : sec < 22 ? 30 : sec < 31 ? 100 : sec < 41 ? 0 : 100;
            ticks.add(tick(sec, victimWeight));
            for (int i = 0; i < 3; i++) {
                records.add(new RequestRecord(sec * 1000L + i * 100, "rs1", 200, 5));
                records.add(new RequestRecord(sec * 1000L + i * 100 + 10, "rs3", 200, 5));
            }
            // The victim answers like its weight says; nothing while drained.
            if (victimWeight == 100 || (victimWeight == 30 && sec % 3 == 0)) {
                records.add(new RequestRecord(sec * 1000L + 50, "rs2", 200, 5));
            }
        }
        Verdict v = Verdict.of(SETTINGS, ticks, records);

        assertThat(v.number("victim.weight.baseline")).isEqualTo(100);
        assertThat(v.number("victim.weight.min.slow")).isEqualTo(30);
        assertThat(v.number("drain.weight.zero.after.seconds")).isEqualTo(1);
        assertThat(v.number("drain.new.requests")).isZero();
        assertThat(v.number("victim.share.slow")).isLessThan(v.number("victim.share.baseline"));
        assertThat(v.checks(SETTINGS.serverNames())).allSatisfy((name, ok) -> assertThat(ok).as(name).isTrue());
    }

    @Test
    void drainWindowStartsWhenTheSlowDrainCallFinished() {
        // The drain (scheduled at 30 s) only finished at 36 s; the server kept getting requests until
        // then, and none after its weight hit 0 at 37 s. Resume sent at 40 s, done at 42 s.
        List<Tick> ticks = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>();
        for (int sec = 1; sec <= 60; sec++) {
            ticks.add(tick(sec, sec >= 37 && sec < 43 ? 0 : 100));
            records.add(new RequestRecord(sec * 1000L, "rs1", 200, 5));
            if (sec < 37 || sec >= 43) {
                records.add(new RequestRecord(sec * 1000L + 10, "rs2", 200, 5));
            }
        }
        List<DemoEvent> events = List.of(new DemoEvent(30, 36, "drain rs2 (jmxterm)", "ok"),
                new DemoEvent(40, 42, "resume rs2 (jmxterm)", "ok"));
        Verdict v = Verdict.of(SETTINGS, ticks, records, events);
        assertThat(v.number("drain.weight.zero.after.seconds")).isEqualTo(7);
        assertThat(v.number("drain.new.requests")).isZero();
        assertThat(v.number("resume.requests")).as("from 47 s to the end at 60 s").isEqualTo(13);
    }

    @Test
    void staticWeightsFailTheWeightChecks() {
        List<Tick> ticks = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>();
        for (int sec = 1; sec <= 60; sec++) {
            ticks.add(tick(sec, 100));
            for (String s : List.of("rs1", "rs2", "rs3")) {
                records.add(new RequestRecord(sec * 1000L, s, 200, 5));
            }
        }
        Map<String, Boolean> checks = Verdict.of(SETTINGS, ticks, records).checks(SETTINGS.serverNames());
        assertThat(checks.get("traffic reached every real server")).isTrue();
        assertThat(checks.get("slowed server's kernel weight dropped")).isFalse();
        assertThat(checks.get("drained server got no new connections")).isFalse();
    }

    private static Tick tick(int sec, int victimWeight) {
        AgentView ready = new AgentView("ready", 100, 1, 1, 0.1, 1, 0.1);
        return new Tick(sec, List.of(new ServerSample("rs1", 100, 0, 3, 0.4, ready),
                new ServerSample("rs2", victimWeight, 0, 1, 0.2, ready), new ServerSample("rs3", 100, 0, 3, 0.4, ready)));
    }
}

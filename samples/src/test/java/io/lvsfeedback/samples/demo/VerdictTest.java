package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict's arithmetic on made-up runs whose outcome is known. */
class VerdictTest {

    private static final DemoSettings SETTINGS = DemoSettings.parse(new String[0]);
    /** Slow sent at 10 s, recover at 20 s, drain at 30 s, resume at 40 s; every action instant. */
    private static final List<DemoEvent> ON_TIME = List.of(new DemoEvent(10, 10.1, "slow rs2", "ok"),
            new DemoEvent(20, 20.1, "recover rs2", "ok"), new DemoEvent(30, 30.2, "drain rs2 (jmxterm)", "ok"),
            new DemoEvent(40, 40.2, "resume rs2 (jmxterm)", "ok"));

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
        Verdict v = Verdict.of(SETTINGS, ticks, records, ON_TIME, 60);

        assertThat(v.number("victim.weight.baseline")).isEqualTo(100);
        assertThat(v.number("victim.weight.min.slow")).isEqualTo(30);
        assertThat(v.number("victim.weight.before.drain")).isEqualTo(100);
        assertThat(v.number("drain.weight.zero.after.seconds")).isEqualTo(1);
        assertThat(v.number("drain.new.requests")).isZero();
        assertThat(v.number("victim.share.slow")).isLessThan(v.number("victim.share.baseline"));
        assertThat(v.checks(SETTINGS.serverNames())).allSatisfy((name, ok) -> assertThat(ok).as(name).isTrue());
    }

    @Test
    void theBaselineCountsFromTheMomentEveryAgentReportedACapacity() {
        // Until 6 s the agents had no capacity and the weights followed CPU headroom (4); then 100.
        List<Tick> ticks = new ArrayList<>();
        for (int sec = 1; sec <= 60; sec++) {
            ticks.add(tick(sec, sec < 6 ? 4 : sec < 12 ? 100 : sec < 22 ? 30 : sec < 31 ? 100 : sec < 41 ? 0 : 100));
        }
        List<DemoEvent> events = new ArrayList<>(ON_TIME);
        assertThat(Verdict.of(SETTINGS, ticks, List.of(), events, 60).number("victim.weight.baseline"))
                .as("from the start, the headroom weights are most of the baseline").isEqualTo(4);
        events.add(0, new DemoEvent(6, 6, Scenario.CAPACITIES_KNOWN, "every agent reported a capacity"));
        assertThat(Verdict.of(SETTINGS, ticks, List.of(), events, 60).number("victim.weight.baseline")).isEqualTo(100);
    }

    @Test
    void windowsFollowWhenActionsHappenedNotThePlan() {
        // The drain was sent at 30 s but only finished at 36 s; the server kept getting requests until
        // its weight hit 0 at 37 s, none after. Resume sent at 44 s, done at 46 s; the run ended at 70 s.
        List<Tick> ticks = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>();
        for (int sec = 1; sec <= 70; sec++) {
            ticks.add(tick(sec, sec >= 37 && sec < 47 ? 0 : 100));
            records.add(new RequestRecord(sec * 1000L, "rs1", 200, 5));
            if (sec < 37 || sec >= 47) {
                records.add(new RequestRecord(sec * 1000L + 10, "rs2", 200, 5));
            }
        }
        List<DemoEvent> events = List.of(ON_TIME.get(0), ON_TIME.get(1), new DemoEvent(30, 36, "drain rs2 (jmxterm)", "ok"),
                new DemoEvent(44, 46, "resume rs2 (jmxterm)", "ok"));
        Verdict v = Verdict.of(SETTINGS, ticks, records, events, 70);
        assertThat(v.number("drain.weight.zero.after.seconds")).as("from the drain's sending").isEqualTo(7);
        assertThat(v.number("drain.new.requests")).isZero();
        assertThat(v.number("resume.requests")).as("from 51 s up to the end at 70 s").isEqualTo(19);
    }

    @Test
    void aWeightThatStaysLowAfterTheRecoveryFailsThatCheck() {
        List<Tick> ticks = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>();
        for (int sec = 1; sec <= 60; sec++) {
            ticks.add(tick(sec, sec < 12 ? 100 : sec < 31 ? 30 : sec < 41 ? 0 : 100));
            records.add(new RequestRecord(sec * 1000L, "rs1", 200, 5));
            records.add(new RequestRecord(sec * 1000L + 10, "rs2", 200, 5));
        }
        Map<String, Boolean> checks = Verdict.of(SETTINGS, ticks, records, ON_TIME, 60).checks(SETTINGS.serverNames());
        assertThat(checks.get("recovered server's weight came back")).isFalse();
        assertThat(checks.get("slowed server's kernel weight dropped")).isTrue();
    }

    @Test
    void oneHighBaselineSampleDoesNotRaiseTheBarForTheRecovery() {
        // Baseline 100 with one outlier of 190; back to 60 after the recovery: more than half of 100.
        List<Tick> ticks = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>();
        for (int sec = 1; sec <= 60; sec++) {
            int w = sec == 5 ? 190 : sec < 12 ? 100 : sec < 22 ? 30 : sec < 31 ? 60 : sec < 41 ? 0 : 100;
            ticks.add(tick(sec, w));
            records.add(new RequestRecord(sec * 1000L, "rs1", 200, 5));
        }
        Verdict v = Verdict.of(SETTINGS, ticks, records, ON_TIME, 60);
        assertThat(v.number("victim.weight.baseline")).isEqualTo(100);
        assertThat(v.checks(SETTINGS.serverNames()).get("recovered server's weight came back")).isTrue();
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
        Map<String, Boolean> checks = Verdict.of(SETTINGS, ticks, records, ON_TIME, 60).checks(SETTINGS.serverNames());
        assertThat(checks.get("traffic reached every real server")).isTrue();
        assertThat(checks.get("slowed server's kernel weight dropped")).isFalse();
        assertThat(checks.get("drained server got no new connections")).isFalse();
    }

    @Test
    void aScenarioCutShortFailsWhatItDidNotReach() {
        List<Tick> ticks = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>();
        for (int sec = 1; sec <= 25; sec++) {
            ticks.add(tick(sec, sec < 12 ? 100 : 30));
            records.add(new RequestRecord(sec * 1000L, "rs2", 200, 5));
        }
        Map<String, Boolean> checks = Verdict.of(SETTINGS, ticks, records, ON_TIME.subList(0, 2), 25)
                .checks(SETTINGS.serverNames());
        assertThat(checks.get("drained server's weight went to 0")).isFalse();
        assertThat(checks.get("drained server got no new connections")).isFalse();
        assertThat(checks.get("resumed server got traffic again")).isFalse();
    }

    private static Tick tick(int sec, int victimWeight) {
        AgentView ready = new AgentView("ready", 100, 1, 1, 0.1, 1, 0.1, 0.6, 6, 10);
        return new Tick(sec, List.of(new ServerSample("rs1", 100, 0, 3, 0.4, ready),
                new ServerSample("rs2", victimWeight, 0, 1, 0.2, ready), new ServerSample("rs3", 100, 0, 3, 0.4, ready)));
    }
}

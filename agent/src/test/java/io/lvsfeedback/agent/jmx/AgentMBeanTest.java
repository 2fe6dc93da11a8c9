package io.lvsfeedback.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.agent.config.SignalWeights;
import io.lvsfeedback.agent.report.AdminControl;
import io.lvsfeedback.agent.report.Reporter;
import io.lvsfeedback.agent.report.Tunables;
import io.lvsfeedback.agent.signal.LoadSignal;
import io.lvsfeedback.agent.testing.FakeClock;
import io.lvsfeedback.model.agent.AgentMXBean;
import io.lvsfeedback.model.agent.AgentSettingsMXBean;
import io.lvsfeedback.model.agent.CheckView;
import io.lvsfeedback.model.protocol.Signals;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MXBean through a real MBeanServer, as JConsole and jmxterm see it. */
class AgentMBeanTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final FakeClock clock = new FakeClock();
    private final List<CheckView> checks = new CopyOnWriteArrayList<>();
    private Reporter reporter;
    private AgentMBean mbean;
    private MBeanRegistration registration;
    private MBeanRegistration settingsRegistration;
    private final ObjectName name = AgentMXBean.objectName("port-3333");
    private final ObjectName settingsName = AgentSettingsMXBean.objectName("port-3333");
    private AgentMXBean proxy;
    private AgentSettingsMXBean settings;

    @BeforeEach
    void register() throws Exception {
        LoadSignal cpu = out -> out.put(Signals.CPU_SYSTEM, 0.4);
        reporter = new Reporter(clock, List.of(cpu), List.of(),
                new Tunables(Duration.ofSeconds(10), new SignalWeights(1, 1, 1, 1), 0.1, 0.9, 1),
                new AdminControl(), () -> null, List::of, () -> "rs1");
        reporter.tick();
        mbean = new AgentMBean(name, reporter, () -> 3333, "verify", () -> checks, List.of());
        registration = MBeanRegistration.register(mbean, name);
        settingsRegistration = MBeanRegistration.register(new AgentSettingsMBean(reporter), settingsName);
        proxy = JMX.newMXBeanProxy(server, name, AgentMXBean.class, true);
        settings = JMX.newMXBeanProxy(server, settingsName, AgentSettingsMXBean.class);
    }

    @AfterEach
    void unregister() {
        registration.close();
        settingsRegistration.close();
    }

    @Test
    void namesCarryTheAgentsName() {
        assertThat(name).hasToString("lvsfeedback:type=Agent,name=port-3333");
        assertThat(settingsName).hasToString("lvsfeedback:type=AgentSettings,name=port-3333");
        assertThat(AgentMXBean.objectName("web 1").getKeyProperty("name")).isEqualTo("\"web 1\"");
    }

    @Test
    void aSecondAgentUnderAnotherNameRegistersBeside() throws Exception {
        ObjectName other = AgentMXBean.objectName("port-3334");
        try (MBeanRegistration second = MBeanRegistration.register(
                new AgentMBean(other, reporter, () -> 3334, "off", List::of, List.of()), other)) {
            assertThat(second.registered()).isTrue();
            assertThat(server.queryNames(new ObjectName(AgentMXBean.TYPE + ",*"), null)).contains(name, other);
        }
    }

    @Test
    void readsTheReportAndSignals() throws Exception {
        assertThat(server.getAttribute(name, "State")).isEqualTo("ready");
        assertThat(server.getAttribute(name, "WeightPercent")).isEqualTo(60);
        assertThat(server.getAttribute(name, "AgentCheckLine")).isEqualTo("60% ready");
        assertThat(server.getAttribute(name, "FeedbackPort")).isEqualTo(3333);
        assertThat((String) server.getAttribute(name, "Report")).contains("state=ready", "weight=60", "cpu_system=0.4");
        TabularData signals = (TabularData) server.getAttribute(name, "Signals");
        assertThat(signals.get(new Object[] {Signals.CPU_SYSTEM}).get("value")).isEqualTo(0.4);
    }

    @Test
    void signalsAreOneTableWithoutTheUnmeasured() throws Exception {
        LoadSignal some = out -> {
            out.put(Signals.CPU_SYSTEM, 0.4);
            out.put(Signals.GC_OVERHEAD, Double.NaN); // not measurable here
        };
        Reporter r = new Reporter(clock, List.of(some), List.of(),
                new Tunables(Duration.ofSeconds(10), new SignalWeights(1, 1, 1, 1), 0.1, 0.9, 1),
                new AdminControl(), () -> null, List::of, () -> "rs1");
        r.tick();
        assertThat(r.lastSignals()).containsKey(Signals.GC_OVERHEAD); // the reporter keeps it...
        AgentMBean view = new AgentMBean(name, r, () -> 3333, "off", List::of, List.of());
        assertThat(view.getSignals()).containsEntry(Signals.CPU_SYSTEM, 0.4)
                .doesNotContainKey(Signals.GC_OVERHEAD); // ...JMX shows no NaN
        assertThat(server.getMBeanInfo(name).getAttributes()).extracting(a -> a.getName())
                .contains("Signals").doesNotContain("SystemCpu", "GcOverhead", "Capacity", "SmoothingSeconds");
    }

    @Test
    void operationsChangeTheReport() throws Exception {
        server.invoke(name, "drain", null, null);
        assertThat(proxy.getAgentCheckLine()).isEqualTo("0% drain");
        server.invoke(name, "resume", null, null);
        server.setAttribute(name, new Attribute("WeightOverride", 25));
        assertThat(proxy.getWeightPercent()).isEqualTo(25);
        proxy.clearWeightOverride();
        assertThat(proxy.getWeightOverride()).isEqualTo(-1);
        proxy.setMaintenance("swap disk");
        assertThat(proxy.getAgentCheckLine()).isEqualTo("0% maint");
        assertThat(proxy.getReason()).isEqualTo("swap disk");
        assertThat(proxy.getMaintenance()).isEqualTo("swap disk");
        proxy.resume();
        assertThat(proxy.getState()).isEqualTo("ready");
    }

    @Test
    void liveSettingsAreWritable() {
        settings.setSmoothingSeconds(2.5);
        settings.setCpuSignalWeight(0.5);
        settings.setMinWeight(10);
        settings.setCapacityExpirySeconds(1.5);
        assertThat(reporter.capacityExpiry()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.getCapacityExpirySeconds()).isEqualTo(1.5);
        assertThat(reporter.tunables().smoothing()).isEqualTo(Duration.ofMillis(2500));
        assertThat(reporter.tunables().weights().cpu()).isEqualTo(0.5);
        assertThat(settings.getMinWeight()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(60));
        reporter.tick();
        assertThat(proxy.getWeightPercent()).isEqualTo(80); // 100 * (1 - 0.5 * 0.4)
    }

    @Test
    void badWritesFailClearlyAndChangeNothing() {
        assertThatThrownBy(() -> server.setAttribute(settingsName, new Attribute("CpuSignalWeight", 1.5)))
                .isInstanceOf(RuntimeMBeanException.class)
                .hasRootCauseMessage("CpuSignalWeight must be 0..1, got 1.5");
        assertThatThrownBy(() -> settings.setSmoothingSeconds(-1)).hasMessageContaining("SmoothingSeconds must be 0..3600");
        assertThatThrownBy(() -> settings.setGcSignalWeight(Double.NaN)).hasMessageContaining("GcSignalWeight");
        assertThatThrownBy(() -> proxy.setWeightOverride(101)).hasMessageContaining("WeightOverride must be 0..100");
        assertThatThrownBy(() -> settings.setMinWeight(-3)).hasMessageContaining("MinWeight");
        double expiry = settings.getCapacityExpirySeconds();
        assertThatThrownBy(() -> settings.setCapacityExpirySeconds(3601)).hasMessageContaining("CapacityExpirySeconds must be 0..3600");
        assertThatThrownBy(() -> settings.setCapacityExpirySeconds(Double.NaN)).hasMessageContaining("CapacityExpirySeconds");
        assertThatThrownBy(() -> settings.setCapacityExpirySeconds(-0.001)).hasMessageContaining("CapacityExpirySeconds must be 0..3600");
        assertThatThrownBy(() -> settings.setCapacityExpirySeconds(Double.POSITIVE_INFINITY)).hasMessageContaining("CapacityExpirySeconds");
        assertThat(settings.getCapacityExpirySeconds()).isEqualTo(expiry);
        assertThat(settings.getCpuSignalWeight()).isEqualTo(1.0);
        assertThat(settings.getGcSignalWeight()).isEqualTo(1.0);
        assertThat(settings.getSmoothingSeconds()).isEqualTo(10.0);
        assertThat(proxy.getWeightOverride()).isEqualTo(-1);
        assertThat(settings.getMinWeight()).isEqualTo(1);
    }

    @Test
    void stateChangesAreNotified() throws Exception {
        List<Notification> got = new CopyOnWriteArrayList<>();
        server.addNotificationListener(name, (n, hb) -> got.add(n), null, null);
        proxy.drain();
        proxy.resume();
        assertThat(got).extracting(Notification::getType).containsExactly(AgentMXBean.STATE_CHANGED, AgentMXBean.STATE_CHANGED);
        assertThat(got.get(0).getUserData()).isEqualTo("0% drain");
        assertThat(got.get(0).getMessage()).isEqualTo("state ready -> drain (drained by operator)");
        mbean.checkChanged("vip 10.0.0.10/32 on lo: removed, repaired");
        assertThat(got).hasSize(3);
        assertThat(got.get(2).getType()).isEqualTo(AgentMXBean.CHECK_CHANGED);
    }

    @Test
    void networkChecksAreCompositeRows() throws Exception {
        checks.add(new CheckView("sysctl net.ipv4.conf.all.arp_ignore", "1", "0", false,
                "sysctl -w net.ipv4.conf.all.arp_ignore=1"));
        CompositeData[] rows = (CompositeData[]) server.getAttribute(name, "NetworkChecks");
        assertThat(rows).hasSize(1);
        assertThat(rows[0].get("fix")).isEqualTo("sysctl -w net.ipv4.conf.all.arp_ignore=1");
        assertThat(rows[0].get("ok")).isEqualTo(false);
        assertThat(proxy.isNetworkOk()).isFalse();
        assertThat(proxy.getNetworkChecks().get(0).getName()).isEqualTo("sysctl net.ipv4.conf.all.arp_ignore");
    }

    @Test
    void aSecondRegistrationIsRefusedWithoutHarm() {
        try (MBeanRegistration second = MBeanRegistration.register(mbean, name)) {
            assertThat(second.registered()).isFalse();
        }
        assertThat(server.isRegistered(name)).isTrue(); // the second close did not remove the first
    }
}

package io.lvsfeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void defaultsDescribeTheDemoCluster() {
        DemoSettings s = DemoSettings.parse(new String[0]);
        assertThat(s.serverNames()).containsExactly("rs1", "rs2", "rs3");
        assertThat(s.vip().getPort()).isEqualTo(8080);
        assertThat(s.ipvsCommand()).containsExactly("ip", "netns", "exec", "lvsd-dir", "ipvsadm", "-Ln");
        assertThat(s.plannedSeconds()).isEqualTo(25 + 30 + 25 + 20 + 20);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--speed=3"})).hasMessageContaining("'speed'");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--workers=many"})).hasMessageContaining("workers");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--victim=rs7"})).hasMessageContaining("rs7");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--slow-for=2"})).hasMessageContaining("slow-for");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--max-duration=60"}))
                .hasMessageContaining("max-duration").hasMessageContaining("120");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--vip=10.0.0.1"})).hasMessageContaining("vip");
    }
}

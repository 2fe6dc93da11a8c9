package io.lvsfeedback.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One range per live setting: the config reader and the JMX setters reject the same values. */
class SettingRangesTest {

    @Test
    void boundsAreInclusiveAndNaNIsOutside() {
        assertThat(SettingRanges.SIGNAL_WEIGHT.check("w", 0)).isZero();
        assertThat(SettingRanges.SIGNAL_WEIGHT.check("w", 1)).isEqualTo(1.0);
        assertThatThrownBy(() -> SettingRanges.SIGNAL_WEIGHT.check("w", Double.NaN)).hasMessage("w must be 0..1, got NaN");
        assertThat(SettingRanges.MIN_WEIGHT.check("m", 100)).isEqualTo(100);
        assertThatThrownBy(() -> SettingRanges.MIN_WEIGHT.check("m", 101, " (hint)")).hasMessage("m must be 0..100, got 101 (hint)");
    }

    @Test
    void jmxSecondsBecomeMillisecondsWithinTheConfigRange() {
        assertThat(SettingRanges.SMOOTHING.ofSeconds("s", 2.5)).isEqualTo(Duration.ofMillis(2500));
        assertThat(SettingRanges.SMOOTHING.ofSeconds("s", 3600)).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> SettingRanges.SMOOTHING.ofSeconds("s", 3600.5)).hasMessage("s must be 0..3600, got 3600.5");
        assertThatThrownBy(() -> SettingRanges.SMOOTHING.ofSeconds("s", Double.NaN)).hasMessageContaining("got NaN");
    }

    @Test
    void theConfigRejectsWhatTheRangeRejects() throws ConfigException {
        assertThatThrownBy(() -> config(AgentConfig.Keys.WEIGHT_CPU, "1.5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weight.cpu");
        assertThatThrownBy(() -> config(AgentConfig.Keys.MIN_WEIGHT, "101"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("min-weight");
        assertThatThrownBy(() -> config(AgentConfig.Keys.SMOOTHING, "61m"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("smoothing");
        assertThat(config(AgentConfig.Keys.SMOOTHING, "60m").smoothing()).isEqualTo(Duration.ofHours(1));
    }

    private static AgentConfig config(String key, String value) throws ConfigException {
        Map<String, String> settings = new HashMap<>(ConfigLoader.defaults());
        settings.put(key, value);
        return AgentConfig.of(settings);
    }
}

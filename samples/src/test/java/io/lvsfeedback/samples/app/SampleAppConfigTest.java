package io.lvsfeedback.samples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SampleAppConfigTest {

    @Test
    void propertyWinsOverEnvironmentWhichWinsOverDefault() {
        Properties properties = new Properties();
        properties.setProperty("sample.name", "rs1");
        Map<String, String> environment = Map.of("SAMPLE_NAME", "env-name", "SAMPLE_PORT", "9090");
        SampleAppConfig config = SampleAppConfig.from(properties, environment);
        assertThat(config).isEqualTo(new SampleAppConfig("rs1", "0.0.0.0", 9090, 32));
    }

    @Test
    void badPortIsNamed() {
        Properties properties = new Properties();
        properties.setProperty("sample.name", "rs1");
        properties.setProperty("sample.port", "80a");
        assertThatThrownBy(() -> SampleAppConfig.from(properties, Map.of()))
                .hasMessageContaining("sample.port").hasMessageContaining("'80a'");
        properties.setProperty("sample.port", "70000");
        assertThatThrownBy(() -> SampleAppConfig.from(properties, Map.of()))
                .hasMessageContaining("sample.port").hasMessageContaining("70000");
    }

    @Test
    void nameWithSpaceIsRefused() {
        assertThatThrownBy(() -> new SampleAppConfig("rs 1", "0.0.0.0", 80, 32)).hasMessageContaining("sample.name");
    }
}

package io.lvsfeedback.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.model.bridge.BridgeMXBean;
import io.lvsfeedback.model.bridge.DestinationMXBean;
import io.lvsfeedback.model.bridge.ServiceMXBean;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Two bridges must not share an ObjectName: the name comes from jmx-name or the configuration file. */
class BridgeNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/etc/lvs-feedback/bridge.properties, bridge",
        "/etc/lvs-feedback/bridge-b.properties, bridge-b",
        "/etc/lvs-feedback/web director.conf, web-director",
        "/etc/lvs-feedback/noext, noext",
    })
    void theDefaultIsTheFilesName(String file, String name) throws Exception {
        assertThat(BridgeName.of(config(Map.of()), Path.of(file))).isEqualTo(name);
    }

    @Test
    void jmxNameWinsAndNoFileMeansBridge() throws Exception {
        assertThat(BridgeName.of(config(Map.of("jmx-name", "dir-a")), Path.of("/x/bridge.properties")))
                .isEqualTo("dir-a");
        assertThat(BridgeName.of(config(Map.of()), null)).isEqualTo("bridge");
    }

    @Test
    void aBadJmxNameNamesTheKey() {
        assertThatThrownBy(() -> config(Map.of("jmx-name", "a,b=c")))
                .hasMessageContaining("jmx-name").hasMessageContaining("a,b=c");
    }

    private static BridgeConfig config(Map<String, String> settings) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("allow-unauthenticated", "true");
        return BridgeConfig.parse(all);
    }

    @Test
    void everyBeanCarriesTheBridgesName() {
        assertThat(BridgeMXBean.objectName("bridge-b")).hasToString("lvsfeedback:type=Bridge,name=bridge-b");
        assertThat(ServiceMXBean.objectName("bridge-b", "tcp:10.0.0.10:80"))
                .hasToString("lvsfeedback:type=Service,bridge=bridge-b,name=\"tcp:10.0.0.10:80\"");
        assertThat(DestinationMXBean.objectName("bridge-b", "tcp:10.0.0.10:80", "10.0.0.2:80"))
                .hasToString("lvsfeedback:type=Destination,bridge=bridge-b,service=\"tcp:10.0.0.10:80\",name=\"10.0.0.2:80\"");
    }
}

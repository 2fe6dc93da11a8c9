package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerStatisticsTest {
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void save() {
        for (String k : ServerStatistics.PROPERTIES.keySet()) {
            saved.put(k, System.getProperty(k));
            System.clearProperty(k);
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void setsWhatIsUnsetAndLeavesTheApplicationsOwnChoice() {
        System.setProperty("server.tomcat.mbeanregistry.enabled", "false");
        ServerStatistics.enable();
        assertThat(System.getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("false");
        assertThat(System.getProperty("jboss.threads.eqe.statistics.active-count")).isEqualTo("true");
        assertThat(System.getProperty("jboss.threads.eqe.statistics")).isEqualTo("true");
        assertThat(ServerStatistics.describe())
                .contains("set jboss.threads.eqe.statistics.active-count=true, jboss.threads.eqe.statistics=true")
                .contains("already set: server.tomcat.mbeanregistry.enabled=false")
                .contains("server-stats=off");
    }
}

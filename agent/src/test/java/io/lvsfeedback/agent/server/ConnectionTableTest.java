package io.lvsfeedback.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.model.protocol.FeedbackReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Whom a full table closes for a newcomer: the oldest that said nothing, and never a bridge for a stranger. */
class ConnectionTableTest {
    static final FeedbackReport REPORT = FeedbackReport.builder().weightPercent(50).build();
    final ConnectionTable<Connection> table = new ConnectionTable<>(4, Function.identity());

    static Connection connection(boolean bridge, String sent, boolean waitedOut) {
        Connection c = new Connection(at -> REPORT, null, Duration.ofMillis(200), Duration.ofSeconds(1), bridge, 0);
        if (waitedOut) {
            c.deadlinePassed(c.deadline());
        }
        byte[] bytes = sent.getBytes(StandardCharsets.US_ASCII);
        c.received(bytes, bytes.length, 1);
        return c;
    }

    @Test
    void theOldestSilentGoesFirstThenHalfSentThenUnreadReplies() {
        Connection replying = connection(false, "x", false);
        Connection reading = connection(false, "LVS", false);
        Connection silent = connection(false, "", false);
        Connection checked = connection(false, "", true);
        table.add(replying);
        table.add(reading);
        table.add(silent);
        table.add(checked);
        assertThat(replying.phase()).isEqualTo(Connection.Phase.REPLYING);
        assertThat(checked.phase()).isEqualTo(Connection.Phase.CHECK_SENT);
        assertThat(table.full()).isTrue();
        assertThat(table.victimFor(false)).isSameAs(silent);
        table.remove(silent);
        assertThat(table.victimFor(false)).isSameAs(checked);
        table.remove(checked);
        assertThat(table.victimFor(false)).isSameAs(reading);
        table.remove(reading);
        assertThat(table.victimFor(false)).isSameAs(replying);
    }

    @Test
    void bridgesAreClosedOnlyForAnotherBridge() {
        Connection[] bridges = new Connection[4];
        for (int i = 0; i < 4; i++) {
            bridges[i] = connection(true, i % 2 == 0 ? "" : "LV", false);
            table.add(bridges[i]);
        }
        assertThat(table.victimFor(false)).as("a stranger is turned away").isNull();
        assertThat(table.victimFor(true)).as("the oldest silent bridge connection").isSameAs(bridges[0]);
        table.remove(bridges[3]);
        Connection stranger = connection(false, "LV", false);
        table.add(stranger);
        assertThat(table.victimFor(true)).as("a stranger goes before any bridge").isSameAs(stranger);
    }
}

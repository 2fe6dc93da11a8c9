package io.lvsfeedback.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentCheckLineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "READY | 75  | ''            | '75% ready\n'",
        "DRAIN | 0   | 'shutdown'    | '0% drain\n'",
        "MAINT | 100 | ''            | '100% maint\n'",
        "DOWN  | 0   | 'disk hung'   | 'down #disk hung\n'",
        "DOWN  | 50  | ''            | 'down\n'",
    })
    void formatsHaproxyLines(AdminState state, int percent, String reason, String expected) {
        FeedbackReport r = FeedbackReport.builder().state(state).weightPercent(percent).reason(reason).build();
        assertThat(AgentCheckLine.format(r)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'75%'                       | 75  | -1 |       | ''",
        "'75% ready'                 | 75  | -1 | READY | ''",
        "'up 10%,drain'              | 10  | -1 | DRAIN | ''",
        "'weight:30%\tmaint'         | 30  | -1 | MAINT | ''",
        "'weight:12 maxconn:30'      | -1  | 12 |       | ''",
        "'down #disk is hung'        | -1  | -1 | DOWN  | 'disk is hung'",
        "'fail'                      | -1  | -1 | DOWN  | ''",
        "'stopped #bye\r\n'          | -1  | -1 | DOWN  | 'bye'",
        "'READY 0%'                  | 0   | -1 | READY | ''",
    })
    void parsesHaproxyLines(String line, int percent, int absolute, AdminState state, String reason) throws Exception {
        AgentCheckReply reply = AgentCheckLine.parse(line);
        assertThat(reply.weightPercent()).isEqualTo(percent);
        assertThat(reply.absoluteWeight()).isEqualTo(absolute);
        assertThat(reply.state()).isEqualTo(state);
        assertThat(reply.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "101%", "-5%", "x%", "weight:abc", "#only a reason", "9999999%"})
    void rejectsLinesWithoutMeaning(String line) {
        assertThatThrownBy(() -> AgentCheckLine.parse(line)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void formattedLinesParseBack() throws Exception {
        FeedbackReport r = FeedbackReport.builder().state(AdminState.DRAIN).weightPercent(0).build();
        AgentCheckReply back = AgentCheckLine.parse(AgentCheckLine.format(r));
        assertThat(back.toReport().state()).isEqualTo(AdminState.DRAIN);
        assertThat(back.toReport().weightPercent()).isZero();
    }
}

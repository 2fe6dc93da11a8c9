package io.lvsfeedback.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TextParsersTest {

    @ParameterizedTest
    @CsvSource({"500ms,true,500", "2s,false,2000", "1m,false,60000", "' 7 s ',false,7000", "1500,true,1500"})
    void durationsInEveryUnit(String text, boolean bareMillis, long millis) {
        assertThat(DurationText.parse(text, bareMillis)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"30,false", "2h,true", "-1s,true", "1.5s,true", "1234567890ms,true", "'',true"})
    void notDurations(String text, boolean bareMillis) {
        assertThat(DurationText.parse(text, bareMillis)).isEqualTo(Optional.empty());
    }

    @Test
    void keyValueLinesKeepOrderAndColonsInKeys() {
        Map<String, String> m = KeyValueText.parse("# c\n! c\n\n b = 2 \ntcp:10.0.0.10:80.weight=a=b\n", "f");
        assertThat(m).containsExactly(Map.entry("b", "2"), Map.entry("tcp:10.0.0.10:80.weight", "a=b"));
    }

    @Test
    void badLinesSayWhere() {
        assertThatThrownBy(() -> KeyValueText.parse("a=1\nnoequals\n", "f")).hasMessage("f line 2: expected key=value, got 'noequals'");
        assertThatThrownBy(() -> KeyValueText.parse("a=1\na=2\n", "f")).hasMessage("f line 2: 'a' is set twice");
        assertThatThrownBy(() -> KeyValueText.split("=x", "--set")).hasMessage("--set: expected key=value, got '=x'");
    }
}

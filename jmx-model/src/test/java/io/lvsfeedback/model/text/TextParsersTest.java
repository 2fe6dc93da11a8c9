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

    @Test
    void readReportsEveryBadLineWithItsNumberAndKeepsTheRest() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        Map<String, Integer> lines = new java.util.LinkedHashMap<>();
        KeyValueText.read("a=1\nnoequals\n# c\nb = 2\na=3\n=x\n", "f",
                (key, value, line) -> lines.put(key + "=" + value, line), (message, line) -> problems.add(line + ": " + message));
        assertThat(lines).containsExactly(Map.entry("a=1", 1), Map.entry("b=2", 4));
        assertThat(problems).containsExactly("2: f line 2: expected key=value, got 'noequals'",
                "5: f line 5: 'a' is set twice", "6: f line 6: expected key=value, got '=x'");
    }

    /** Random text: every line is either a setting or a problem, never an exception, and parse agrees with read. */
    @net.jqwik.api.Property(tries = 2000)
    void anyTextIsReadLineByLineWithoutThrowing(@net.jqwik.api.ForAll String text) {
        int[] count = new int[2];
        int lineCount = (int) text.lines().count();
        KeyValueText.read(text, "f", (key, value, line) -> {
            assertThat(line).isBetween(1, lineCount);
            assertThat(key).isNotEmpty().doesNotContain("=");
            count[0]++;
        }, (message, line) -> {
            assertThat(line).isBetween(1, lineCount);
            count[1]++;
        });
        if (count[1] == 0) {
            assertThat(KeyValueText.parse(text, "f")).hasSize(count[0]);
        } else {
            assertThatThrownBy(() -> KeyValueText.parse(text, "f")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

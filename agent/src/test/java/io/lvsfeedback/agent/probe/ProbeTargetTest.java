package io.lvsfeedback.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ProbeTargetTest {
    @Test
    void hostPortAndPathWithQuery() {
        ProbeTarget t = ProbeTarget.parse("http://[::1]:8081/a/b%20c?q=1");
        assertThat(t.host()).isEqualTo("[::1]");
        assertThat(t.port()).isEqualTo(8081);
        assertThat(t.path()).isEqualTo("/a/b%20c?q=1");
    }

    @Test
    void aHugeValueIsRefusedBeforeParsing() {
        assertThatThrownBy(() -> ProbeTarget.parse("http://h/" + "a".repeat(10_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 2048");
    }

    /** Any text: a target whose request line cannot be split (no CR, LF or space in it), or a clear refusal. */
    @Property(tries = 3000)
    void anyTextIsATargetOrAnIllegalArgument(@ForAll String text) {
        try {
            ProbeTarget t = ProbeTarget.parse(text);
            assertThat(t.path()).startsWith("/").doesNotContain("\r", "\n", " ");
            assertThat(t.port()).isBetween(1, 65535);
            assertThat(ProbeTarget.parse(t.toString()).toString()).isEqualTo(t.toString());
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void urlShapedTextIsATargetOrAnIllegalArgument(@ForAll("urls") String text) {
        anyTextIsATargetOrAnIllegalArgument(text);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> urls() {
        return net.jqwik.api.Arbitraries.strings().withChars("htp:/[]@?#%.0123456789ab -\r\n").ofMaxLength(40)
                .map(s -> "http://" + s);
    }
}

package io.lvsfeedback.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "port=3333|port|3333",
        "' port = 3333 '|port|3333",
        "vip=10.0.0.1;10.0.0.2,port=1|vip|10.0.0.1;10.0.0.2",
        "check.path=/mnt/a\\,b|check.path|/mnt/a,b",
        "reason=a\\=b|reason|a=b",
        "x=c:\\\\dir|x|c:\\dir",
        "a=1,,port=7,|port|7",
        "empty=|empty|''",
        "eq=a=b|eq|a=b",
    })
    void parsesKeyValuePairsWithEscapes(String args, String key, String value) throws Exception {
        assertThat(AgentArguments.parse(args)).containsEntry(key, value);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "port|port",
        "=3333|''",
        "port=1,port=2|port",
        "port=1\\|port",
    })
    void rejectsMalformedArgumentsNamingTheKey(String args, String key) {
        assertThatThrownBy(() -> AgentArguments.parse(args))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "'   '"})
    void blankMeansNoArguments(String args) throws Exception {
        assertThat(AgentArguments.parse(args)).isEmpty();
        assertThat(AgentArguments.parse(null)).isEmpty();
    }

    @Property(tries = 500)
    void escapedValuesRoundTrip(@ForAll("keys") String key, @ForAll String value) throws Exception {
        String escaped = value.trim().replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
        Map<String, String> parsed = AgentArguments.parse(key + "=" + escaped);
        assertThat(parsed).containsExactly(Map.entry(key, value.trim()));
    }

    @Property(tries = 1000)
    void anyInputParsesOrFailsWithConfigException(@ForAll String args) {
        try {
            AgentArguments.parse(args);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("bad setting ");
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> keys() {
        return net.jqwik.api.Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-').ofMinLength(1).ofMaxLength(12);
    }
}

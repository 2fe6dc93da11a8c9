package io.lvsfeedback.bridge.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    static final ObjectMapper STRICT = StrictJson.MAPPER;

    /** Any strings as names and values, any doubles: the UTF-8 bytes parse back to the same values. */
    @Property(tries = 500)
    void anyStringsAndNumbersParseBackUnchanged(@ForAll @Size(max = 6) List<String> values, @ForAll String name,
                                                @ForAll double number, @ForAll long whole) throws Exception {
        StringBuilder out = new StringBuilder();
        JsonWriter w = new JsonWriter(out).beginObject().name("values").beginArray();
        values.forEach(w::value);
        w.endArray().name("k:" + name).value(name).name("number").value(number).name("whole").value(whole)
                .name("nothing").nullValue().name("empty").beginObject().endObject().endObject();

        JsonNode node = STRICT.readTree(out.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(node.get("values")).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(node.get("values").get(i).textValue()).isEqualTo(values.get(i));
        }
        assertThat(node.get("k:" + name).textValue()).isEqualTo(name);
        if (Double.isFinite(number)) {
            assertThat(node.get("number").doubleValue()).isEqualTo(number);
        } else {
            assertThat(node.get("number").isNull()).isTrue();
        }
        assertThat(node.get("whole").longValue()).isEqualTo(whole);
        assertThat(node.get("nothing").isNull()).isTrue();
        assertThat(node.get("empty").isEmpty()).isTrue();
    }

    @Test
    void escapesQuotesBackslashControlsAndLoneSurrogates() {
        assertThat(JsonWriter.string("a\"b\\c\n\u0000\u2028\ud800")).isEqualTo("\"a\\\"b\\\\c\\u000a\\u0000\\u2028\\ud800\"");
    }

    @Test
    void placesCommasInNestedContainers() {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out).beginArray().beginObject().name("a").value(1).name("b").beginArray().value(true).value(false)
                .endArray().endObject().beginArray().endArray().value("x").endArray();
        assertThat(out).hasToString("[{\"a\":1,\"b\":[true,false]},[],\"x\"]");
    }

    @Test
    void refusesAValueWithoutANameInAnObject() {
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginObject().value(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginArray().endObject())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parsesBackAsAMap() throws Exception {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out).beginObject().name("x").value(1.5).endObject();
        assertThat(STRICT.readValue(out.toString(), Map.class)).containsEntry("x", 1.5);
    }
}

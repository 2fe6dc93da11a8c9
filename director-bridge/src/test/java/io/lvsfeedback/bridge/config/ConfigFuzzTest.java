package io.lvsfeedback.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bridge.ipvs.Endpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any settings, configuration file or endpoint text gives a value or the parser's own error
 * ({@link ConfigException}; {@link IllegalArgumentException} for {@link Endpoints}), nothing else.
 */
class ConfigFuzzTest {
    private static final List<String> KEYS = Arrays.stream(Setting.values()).map(Setting::key).toList();
    private static final String[] OWNERS = {
        "service.tcp:10.0.0.1:80.", "service.fwm:5.", "service.", "service.web.", "destination.10.0.0.2:80.",
        "destination.[::1]:80.", "destination.", "destination.1.2.3.4.", "",
    };
    private static final String[] VALUES = {
        "", "0", "-1", "65536", "2147483648", "99999999999999999999", "1e999", "NaN", "Infinity", "0.5", "800ms",
        "1s", "999999999m", "true", "maybe", "*", "tcp:*", ",", "3333,", "10.0.0.1:1", "[::1]:80", "[::1", "1:2:3",
        "/tmp/a\u0000b", "a\u0000", "\u0000", "/dev/null", "\u00e9", "\u0663\u0660", "+80", " ", "10.0.0.1:+1",
    };
    private static Path dir;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("bridge-config-fuzz");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 2000)
    void anySettingsGiveAConfigOrAConfigException(@ForAll("settings") Map<String, String> settings) {
        try {
            assertThat(BridgeConfig.parse(settings)).isNotNull();
        } catch (ConfigException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void anyConfigurationFileGivesAConfigOrAConfigException(@ForAll("fileContents") byte[] contents) throws IOException {
        Path file = Files.createTempFile(dir, "bridge", ".properties");
        Files.write(file, contents);
        try {
            assertThat(BridgeConfig.load(file, Map.of("allow-unauthenticated", "true"))).isNotNull();
        } catch (ConfigException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 2000)
    void anyEndpointTextParsesOrGivesIllegalArgumentException(@ForAll("endpoints") String text) {
        try {
            assertThat(Endpoints.parse(text, 3333).getPort()).isBetween(1, 65535);
        } catch (IllegalArgumentException expected) {
            assertThat(expected).hasMessageContaining("'");
            assertThat(expected.getClass()).isEqualTo(IllegalArgumentException.class);
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(VALUES)), Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
    }

    @Provide
    Arbitrary<Map<String, String>> settings() {
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(KEYS)),
                Tuple.of(2, Arbitraries.of(OWNERS).flatMap(o -> Arbitraries.of(KEYS).map(k -> o + k))),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
        return Arbitraries.maps(keys, values()).ofMaxSize(3).map(m -> {
            Map<String, String> out = new HashMap<>(m);
            out.putIfAbsent("allow-unauthenticated", "true"); // else nearly every case stops at the first check
            return out;
        });
    }

    @Provide
    Arbitrary<byte[]> fileContents() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> shaped = settings().map(m -> {
            StringBuilder text = new StringBuilder();
            m.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
            return text.toString().getBytes(StandardCharsets.UTF_8);
        });
        return Arbitraries.oneOf(random, shaped);
    }

    @Provide
    Arbitrary<String> endpoints() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("[", "]", ":", ".", "::", "1", "10", "255", "256", "65535", "65536", "ff", "\u0663",
                        "\uff11", "%", "%lo", " ", "+", "-", "0x1", "1e3", "2147483648"),
                Arbitraries.strings().ofMaxLength(4));
        return word.list().ofMaxSize(12).map(w -> String.join("", w));
    }
}

package io.lvsfeedback.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any agent arguments, config file or system properties give a config or a ConfigException, nothing else. */
class ConfigFuzzTest {
    private static final List<String> KEYS = new ArrayList<>(ConfigLoader.defaults().keySet());
    private static final String[] VALUES = {
        "", "0", "-1", "65536", "2147483648", "99999999999999999999", "1e999", "NaN", "0.5", "1.0", "200ms", "0s",
        "999999999m", "10.0.0.1", "256.1.1.1", "::1", "[::1]", "fe80::1%zz", ":::", "1:2", "10.0.0.1;10.0.0.1",
        "a\u0000b", "/tmp/x\u0000y", "on", "off", "configure", "verify", "nat", "auto", "eth0;", ";", "\\", "\u00e9",
        "/proc/sys", "lo;eth0;\u0000",
    };
    private static Path dir;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("agent-config-fuzz");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 1000)
    void anyArgumentsGiveAConfigOrAConfigException(@ForAll("arguments") String args) {
        loadOrConfigError(args, new Properties());
    }

    @Property(tries = 2000)
    void anyRawArgumentStringGivesAConfigOrAConfigException(@ForAll String args) {
        loadOrConfigError(args, new Properties());
    }

    @Property(tries = 500)
    void anyConfigFileGivesAConfigOrAConfigException(@ForAll("fileContents") byte[] contents) throws IOException {
        Path file = Files.createTempFile(dir, "agent", ".properties");
        Files.write(file, contents);
        loadOrConfigError("config=" + escape(file.toString()), new Properties());
        Files.delete(file);
    }

    @Property(tries = 500)
    void anySystemPropertiesGiveAConfigOrAConfigException(@ForAll("settings") Map<String, String> settings) {
        Properties sys = new Properties();
        settings.forEach((k, v) -> sys.setProperty(ConfigLoader.SYSTEM_PROPERTY_PREFIX + k, v));
        loadOrConfigError("", sys);
    }

    private static void loadOrConfigError(String args, Properties sys) {
        try {
            assertThat(ConfigLoader.load(args, sys)).isNotNull();
        } catch (ConfigException expected) {
            assertThat(expected.getMessage()).startsWith("bad setting ");
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of(VALUES), Arbitraries.strings().ofMaxLength(12));
    }

    @Provide
    Arbitrary<Map<String, String>> settings() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(8));
        return Arbitraries.maps(keys, values()).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> arguments() {
        Arbitrary<String> pair = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(8)),
                Arbitraries.of("=", "", "==", "\\="), values()).as((k, eq, v) -> k + eq + v);
        return pair.list().ofMaxSize(6).map(p -> String.join(",", p));
    }

    @Provide
    Arbitrary<byte[]> fileContents() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> shaped = settings().map(m -> {
            StringBuilder text = new StringBuilder();
            m.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        });
        Arbitrary<byte[]> escapes = Arbitraries.strings().withChars("\\u0123xyz=:\n#!").ofMaxLength(40)
                .map(s -> s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(random, shaped, escapes);
    }
}

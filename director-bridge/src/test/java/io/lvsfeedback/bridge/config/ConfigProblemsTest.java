package io.lvsfeedback.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation goes on after the first problem: a check reports every one, each with its key and line. */
class ConfigProblemsTest {
    @TempDir
    Path dir;

    @Test
    void everyProblemOfAFileIsReportedWithItsKeyAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bridge.properties"), String.join("\n",
                "# a comment",
                "poll-interval = soon",                          // 2: not a duration
                "just words",                                    // 3: not key=value
                "min-weight = 10",                               // 4
                "max-weight = 5",                                // 5: below min-weight
                "colour = blue",                                 // 6: unknown
                "service.tcp:10.0.0.1:80.blackout = forever",    // 7: per-service value
                "destination.10.0.0.2:80.agent = nowhere:x",     // 8: bad endpoint
                "agent = 10.0.0.3:3333",                         // 9: per-destination only
                "min-weight = 11",                               // 10: set twice
                ""));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> BridgeConfig.load(file, Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
                file + " line 2: 'poll-interval' = 'soon': expected a duration such as 500ms, 2s or 1m",
                file + " line 3: expected key=value, got 'just words'",
                file + " line 5: 'max-weight' (5) is below 'min-weight' (10)",
                file + " line 6: unknown setting 'colour' (known: " + String.join(", ", knownKeys()) + ")",
                file + " line 7: 'service.tcp:10.0.0.1:80.blackout' = 'forever': expected a duration such as 500ms, 2s or 1m",
                file + " line 8: 'destination.10.0.0.2:80.agent' = 'nowhere:x': " + endpointError("nowhere:x"),
                file + " line 9: 'agent' is a per-destination setting: write destination.RIP:PORT.agent",
                file + " line 10: 'min-weight' is set twice",
                "set 'secret-file' (or allow-unauthenticated=true): without either no agent can be trusted",
                "service.tcp:10.0.0.1:80.: set 'secret-file' (or allow-unauthenticated=true): without either no agent can be trusted");
        assertThat(e.problems()).extracting(ConfigProblem::key).startsWith("poll-interval", null, "max-weight", "colour");
        assertThat(e.getMessage()).contains("line 2: ").contains("; " + file + " line 10: ");
    }

    @Test
    void aBadGlobalValueIsReportedOnceNotOncePerServiceSection() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> BridgeConfig.parse(Map.of(
                "allow-unauthenticated", "true", "max-factor", "0.5",
                "service.fwm:1.blackout", "1s", "service.fwm:2.blackout", "2s")));
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly("'max-factor' = '0.5': must be 1.0..1000.0");
    }

    @Test
    void overridesAreNamedAsSuch() throws IOException {
        Path file = Files.writeString(dir.resolve("b.properties"), "allow-unauthenticated = true\nblackout = 1s\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> BridgeConfig.load(file, Map.of("blackout", "x", "http-port", "70000")));
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "--set: 'blackout' = 'x': expected a duration such as 500ms, 2s or 1m",
                "--set: 'http-port' = '70000': must be 0..65535");
    }

    @Test
    void aCrossCheckIsLeftOutWhenOneOfItsValuesIsAlreadyBad() {
        // 'poll-timeout' vs 'poll-interval' says nothing useful when the interval cannot be read.
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> BridgeConfig.parse(Map.of(
                "allow-unauthenticated", "true", "poll-interval", "1h", "poll-timeout", "2s")));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("poll-interval");
    }

    @Test
    void aServicesListOfOnlyCommasIsRejected() {
        // Regression: "services = ," split into no patterns at all, a bridge that managed nothing.
        assertThatThrownBy(() -> BridgeConfig.parse(Map.of("allow-unauthenticated", "true", "services", ",")))
                .hasMessage("'services' = ',': empty entry in the list");
    }

    @Test
    void anUnreadableFileIsTheOnlyProblem() {
        assertThatThrownBy(() -> BridgeConfig.load(dir.resolve("missing.properties"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(1))
                .hasMessageStartingWith("cannot read configuration file " + dir.resolve("missing.properties"));
    }

    @Test
    void aValidFileHasNoProblem() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.properties"), "allow-unauthenticated = true\nservice.fwm:3.min-weight = 2\n");
        assertThat(BridgeConfig.load(file, Map.of()).service(io.lvsfeedback.netlink.ipvs.ServiceKey.parse("fwm:3"))
                .policy().minWeight()).isEqualTo(2);
    }

    private static java.util.List<String> knownKeys() {
        return java.util.Arrays.stream(Setting.values()).map(Setting::key).toList();
    }

    private static String endpointError(String text) {
        try {
            io.lvsfeedback.bridge.ipvs.Endpoints.parse(text, -1);
            throw new AssertionError(text + " parsed");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}

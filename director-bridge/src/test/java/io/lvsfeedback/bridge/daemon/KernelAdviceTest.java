package io.lvsfeedback.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelAdviceTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "conn_reuse_mode={0}")
    @ValueSource(strings = {"0", "1", "1\n", "5", "-3"})
    void aModeWithoutBitTwoIsAdvisedAgainstNamingTheFix(String mode) throws IOException {
        Files.writeString(dir.resolve("conn_reuse_mode"), mode);

        assertThat(KernelAdvice.of(dir)).singleElement().asString()
                .startsWith("net.ipv4.vs.conn_reuse_mode=" + mode.trim() + ":")
                .contains("set it to 2").contains("VS/DR");
    }

    @ParameterizedTest(name = "conn_reuse_mode={0}")
    @ValueSource(strings = {"2", "3\n", "7"})
    void aModeWithBitTwoNeedsNothing(String mode) throws IOException {
        Files.writeString(dir.resolve("conn_reuse_mode"), mode);

        assertThat(KernelAdvice.of(dir)).isEmpty();
    }

    @Test
    void noIpvsInThisNamespaceIsNothingToSay() {
        assertThat(KernelAdvice.of(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void unreadableOrGarbledSettingsSayTheyAreUnknown() throws IOException {
        Files.writeString(dir.resolve("conn_reuse_mode"), "x".repeat(10_000));
        assertThat(KernelAdvice.of(dir)).singleElement().asString().contains("not a number").contains("unknown")
                .hasSizeLessThan(400);

        Files.delete(dir.resolve("conn_reuse_mode"));
        Files.createDirectory(dir.resolve("conn_reuse_mode"));
        assertThat(KernelAdvice.of(dir)).singleElement().asString().startsWith("cannot read").contains("unknown");
    }
}

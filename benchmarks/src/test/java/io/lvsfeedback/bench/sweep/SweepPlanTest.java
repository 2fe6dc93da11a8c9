package io.lvsfeedback.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {
    @TempDir
    Path dir;

    @Test
    void readsOneWeightPerDestination() throws Exception {
        Path f = Files.writeString(dir.resolve("plan"), "10.100.0.1:10001 10.200.1.1:10001 200\n\n"
                + "10.100.0.1:10001 10.200.1.2:10001 201\n");

        SweepPlan plan = SweepPlan.read(f);

        assertThat(plan.weights()).containsExactly(
                org.assertj.core.api.Assertions.entry("10.100.0.1:10001 10.200.1.1:10001", 200),
                org.assertj.core.api.Assertions.entry("10.100.0.1:10001 10.200.1.2:10001", 201));
    }

    @Test
    void aBadLineIsNamed() throws Exception {
        Path f = Files.writeString(dir.resolve("plan"), "10.100.0.1:10001 10.200.1.1:10001 200\n10.100.0.1:10001 x\n");

        assertThatThrownBy(() -> SweepPlan.read(f)).hasMessageContaining("line 2");
    }

    @Test
    void aBadWeightIsNamed() throws Exception {
        Path f = Files.writeString(dir.resolve("plan"), "a b heavy\n");

        assertThatThrownBy(() -> SweepPlan.read(f)).hasMessageContaining("'heavy'");
    }
}

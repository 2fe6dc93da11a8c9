package io.lvsfeedback.bench.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.bench.matrix.PortReuse.Connection;
import io.lvsfeedback.bench.matrix.PortReuse.Tally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortReuseTest {
    private static final long WINDOW = 120_000;

    @TempDir
    Path dir;

    /** 300 connections in a: ports 1..300, servers round robin; then b reuses every port, 60 s later. */
    private static List<Connection> firstThenReused(boolean bypass) {
        List<Connection> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(new Connection(i * 10L, 1000 + i, "rs" + (i % 3 + 1), "a.tsv"));
        }
        for (int i = 0; i < 300; i++) {
            String server = bypass ? "rs" + (i % 3 + 1) : "rs" + ((i / 3) % 3 + 1);
            all.add(new Connection(60_000 + i * 10L, 1000 + i, server, "b.tsv"));
        }
        return all;
    }

    @Test
    void reusedPortsThatKeepTheirServerAreAllSameServer() {
        Tally b = PortReuse.tally(firstThenReused(true), WINDOW).get("b.tsv");
        assertThat(b.connections()).isEqualTo(300);
        assertThat(b.reused()).isEqualTo(300);
        assertThat(b.sameServer()).isEqualTo(300);
        assertThat(b.expectedSame()).isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void freshlyScheduledReusedPortsMatchOnlyByChance() {
        Tally b = PortReuse.tally(firstThenReused(false), WINDOW).get("b.tsv");
        assertThat(b.reused()).isEqualTo(300);
        assertThat(b.sameServer()).isEqualTo(100);
        assertThat(b.expectedSame()).isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));
        assertThat(PortReuse.tally(firstThenReused(false), WINDOW).get("a.tsv").reused()).isZero();
    }

    @Test
    void aPortLastUsedBeyondTheWindowIsNotReuse() {
        List<Connection> all = List.of(new Connection(0, 5000, "rs1", "a.tsv"),
                new Connection(WINDOW, 5000, "rs1", "b.tsv"), new Connection(WINDOW + 1, 5000, "rs1", "b.tsv"));
        Tally b = PortReuse.tally(all, WINDOW).get("b.tsv");
        assertThat(b.connections()).isEqualTo(2);
        assertThat(b.reused()).as("only the second, 1 ms after the first in b").isEqualTo(1);
    }

    @Test
    void readsEveryFileAndSkipsHeadersAndCutLines() throws IOException {
        Files.writeString(dir.resolve("W2-r1-wlc-equal.tsv"), ConnectionLog.HEADER + "100 40000 rs1\n200 40002 rs2\n300 4000");
        Files.writeString(dir.resolve("W2-warm.tsv"), ConnectionLog.HEADER + "50 40000 rs3\n");
        Files.writeString(dir.resolve("notes.txt"), "1 2 rs1\n");
        List<Connection> all = PortReuse.read(dir);
        assertThat(all).hasSize(3);
        Map<String, Tally> t = PortReuse.tally(all, WINDOW);
        assertThat(t.get("W2-r1-wlc-equal.tsv").reused()).isEqualTo(1);
        assertThat(t.get("W2-r1-wlc-equal.tsv").sameServer()).isZero();
        assertThat(PortReuse.read(dir.resolve("absent"))).isEmpty();
    }

    /** Random bytes in a ports file (a driver killed mid-line, a wrong file): lines skipped, never an exception. */
    @net.jqwik.api.Property(tries = 300)
    void randomBytesAreSkippedNeverThrown(@net.jqwik.api.ForAll byte[] bytes) throws IOException {
        Path d = Files.createTempDirectory("ports");
        try {
            Files.write(d.resolve("W2-r1-x.tsv"), bytes);
            Files.writeString(d.resolve("W2-r2-x.tsv"), "1 40000 rs1\n99999999999999999999 1 rs2\n2 -5 rs3\n");
            List<Connection> all = PortReuse.read(d);
            assertThat(all).extracting(Connection::file).contains("W2-r2-x.tsv");
            assertThat(PortReuse.tally(all, WINDOW).values()).allMatch(t -> t.reused() <= t.connections()
                    && t.sameServer() <= t.reused());
        } finally {
            try (var files = Files.list(d)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(d);
        }
    }
}

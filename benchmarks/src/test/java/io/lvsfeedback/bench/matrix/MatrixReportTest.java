package io.lvsfeedback.bench.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MatrixReportTest {
    private static final List<String> CONTENDERS = List.of("wrr-equal", "wlc-equal", "wrr-oracle", "wlc-oracle", "lvsfb-wrr", "lvsfb-wlc");
    /** Every request's latency per contender (ms): the table's percentiles come out exactly. */
    private static final Map<String, Integer> LATENCY = Map.of("wrr-equal", 4000, "wlc-equal", 2000, "wrr-oracle", 1100,
            "wlc-oracle", 1000, "lvsfb-wrr", 1200, "lvsfb-wlc", 2500);

    @TempDir
    Path dir;

    /** Two rounds of W2, 100 requests per phase; rs1's weight falls 2.5 s after the step up and recovers 4 s after the step down. */
    private void writeRun() throws IOException {
        Files.createDirectories(dir.resolve("raw"));
        StringBuilder phases = new StringBuilder("# header\n");
        StringBuilder events = new StringBuilder();
        StringBuilder timeline = new StringBuilder();
        long t = 1_000_000;
        long busy = 0;
        for (int r = 1; r <= 2; r++) {
            for (String c : CONTENDERS) {
                long from = t + 5000;
                long to = from + 50_000;
                StringBuilder raw = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    raw.append(from + i * 500).append(' ').append(LATENCY.get(c) * 1000L).append(" ok rs").append(i % 3 + 1).append('\n');
                }
                String file = "raw/W2-r" + r + "-" + c + ".tsv";
                Files.writeString(dir.resolve(file), raw);
                phases.append(String.format("W2 %d %s wrr %d %d %d 6 %s%n", r, c, t, from, to, file));
                events.append(from).append(" W2 ").append(r).append(' ').append(c).append(" step-up rs1\n");
                events.append(from + 30_000).append(" W2 ").append(r).append(' ').append(c).append(" step-down rs1\n");
                for (long s = t; s < to + 20_000; s += 500) {
                    int w = 100;
                    if (c.startsWith("lvsfb") && s >= from + 2500 && s < from + 30_000) {
                        w = 20;
                    } else if (c.startsWith("lvsfb") && s >= from + 30_000 && s < from + 34_000) {
                        w = 20;
                    }
                    busy += 25;
                    timeline.append(String.format("%d wrr %d 100 100 0 0 0 %d %d %d %d %d %d%n", s, w, busy, busy * 4, busy / 2, busy * 2,
                            busy / 2, busy * 2));
                }
                t = to + 25_000;
            }
        }
        Files.writeString(dir.resolve("phases.tsv"), phases);
        Files.writeString(dir.resolve("events.tsv"), events);
        Files.writeString(dir.resolve("timeline.tsv"), timeline);
        Files.writeString(dir.resolve("settings.txt"), "ROUNDS=2\nPAUSE_WINDOW=8\n");
    }

    @Test
    void summaryHasTheTableRatiosControlTargetsAndConvergence() throws Exception {
        writeRun();

        assertThat(report(dir.toString(), "timeout-ms=60000")).isZero();

        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).contains("oracle = `wlc-oracle`, better equal = `wlc-equal`");
        // p99 / oracle of lvsfb-wrr: 1200 / 1000 in both rounds.
        assertThat(md).contains("| lvsfb-wrr | 1200 (1200..1200) | 1200 (1200..1200) |");
        assertThat(md).contains("`lvsfb-wrr` p99 / oracle 1.20 (1.20..1.20), target at most 1.3: met");
        // Gap: (2000 - 1200) / (2000 - 1000) = 0.8 closed; lvsfb-wlc is worse than wlc-equal.
        assertThat(md).contains("`lvsfb-wrr` closes 0.80 (0.80..0.80)");
        assertThat(md).contains("`lvsfb-wlc` never worse than wlc-equal: p99 ratio 1.25 (1.25..1.25), target at most 1.0: **missed**");
        assertThat(md).contains("Control: oracle p99 / better equal p99 = 0.50 (0.50..0.50), target at most 0.80: met");
        assertThat(md).contains("`lvsfb-wrr` overload (weight falls): half-way after 2.5, 2.5 s").contains("target p95 at most 2 s: **missed**");
        assertThat(md).contains("`lvsfb-wrr` recovery (weight rises): half-way after 4.0, 4.0 s");
        assertThat(md).contains(" | 25 |"); // guest CPU: 25 busy of every 100 jiffies
        assertThat(md).contains("so no percentile shown is capped");
        assertThat(dir.resolve("W2.svg")).exists();
        assertThat(Files.readString(dir.resolve("W2.svg"))).startsWith("<svg").contains("polyline");
    }

    @Test
    void damagedBytesInRawAndEventLinesCostThoseLinesOnly() throws Exception {
        writeRun();
        byte[] damage = {'1', '2', (byte) 0xff, ' ', '9', ' ', 'o', 'k', ' ', 'r', 's', '1', '\n', (byte) 0xc3, '\n'};
        for (String f : List.of("raw/W2-r1-lvsfb-wrr.tsv", "events.tsv")) {
            Files.write(dir.resolve(f), damage, java.nio.file.StandardOpenOption.APPEND);
        }

        assertThat(report(dir.toString(), "timeout-ms=60000")).isZero();

        assertThat(Files.readString(dir.resolve("summary.md"))).contains("| lvsfb-wrr | 1200 (1200..1200) | 1200 (1200..1200) |");
    }

    @Test
    void aDamagedPhaseLineIsAClearError() throws Exception {
        writeRun();
        Files.write(dir.resolve("phases.tsv"), new byte[] {'W', '2', ' ', (byte) 0xff, '\n'}, java.nio.file.StandardOpenOption.APPEND);

        assertThat(report(dir.toString())).isNotZero();
    }

    @Test
    void aWorkloadWhoseOracleDoesNotWinSaysItTestsNothing() throws Exception {
        writeRun();
        // Make the oracles as slow as equal weights.
        for (int r = 1; r <= 2; r++) {
            for (String c : List.of("wrr-oracle", "wlc-oracle")) {
                Path f = dir.resolve("raw/W2-r" + r + "-" + c + ".tsv");
                Files.writeString(f, Files.readString(f).replace(" " + LATENCY.get(c) * 1000L + " ", " 2000000 "));
            }
        }

        assertThat(report(dir.toString())).isZero();

        assertThat(Files.readString(dir.resolve("summary.md"))).contains("**W2 does not test anything here.**");
    }

    /** wlc-equal's requests: {@code fastUs} each but the last three of every phase, which take 5 s. */
    private void equalWithASlowTail(long fastUs) throws IOException {
        for (int r = 1; r <= 2; r++) {
            Path f = dir.resolve("raw/W2-r" + r + "-wlc-equal.tsv");
            List<String> lines = Files.readAllLines(f);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                b.append(lines.get(i).replace(" 2000000 ", " " + (i >= lines.size() - 3 ? 5_000_000 : fastUs) + " ")).append('\n');
            }
            Files.writeString(f, b);
        }
    }

    @Test
    void aMedianLostInEveryRoundIsSaidAndARoundingIsNot() throws Exception {
        writeRun();
        equalWithASlowTail(900_000);
        assertThat(report(dir.toString())).isZero();
        assertThat(Files.readString(dir.resolve("summary.md")))
                .containsPattern("`lvsfb-wlc` wins p99 against `wlc-equal` \\(250\\d < 500\\d ms\\) but loses the median and the mean \\(p50 250\\d vs 900 ms");

        writeRun();
        equalWithASlowTail(2_490_000); // lvsfb-wlc's 2500 ms median is 0.4 % slower: no loss to speak of
        assertThat(report(dir.toString())).isZero();
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("`lvsfb-wlc` p99 / oracle")
                .doesNotContain("`lvsfb-wlc` wins p99 against `wlc-equal`");
    }

    /** MatrixReport's command line as its main runs it, without the main's System.exit. */
    private static int report(String... args) {
        return new CommandLine(new MatrixReport.Command()).execute(args);
    }
}

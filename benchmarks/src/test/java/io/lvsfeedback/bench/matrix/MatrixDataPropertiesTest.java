package io.lvsfeedback.bench.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** A run's files damaged at random (a VM killed mid-write, a wrong file): the report reads what it can. */
class MatrixDataPropertiesTest {
    private static final String PHASE = "W1 1 wlc-equal wlc 1000 2000 3000 5.8 raw/W1-r1-wlc-equal.tsv\n";

    @Property(tries = 300)
    void randomBytesInTimelineEventsSettingsAndRawCostTheirLinesOnly(@ForAll byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("matrix");
        try {
            Files.createDirectories(dir.resolve("raw"));
            Files.writeString(dir.resolve("phases.tsv"), PHASE);
            Files.write(dir.resolve("raw/W1-r1-wlc-equal.tsv"), concat("2500 1200000 ok rs1\n", bytes));
            for (String f : new String[] {"timeline.tsv", "events.tsv", "settings.txt"}) {
                Files.write(dir.resolve(f), bytes);
            }

            MatrixData d = MatrixData.read(dir);

            assertThat(d.phases).hasSize(1);
            assertThat(d.requests(d.phases.get(0), 2000, 3000, 60_000)).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.schedMs()).isBetween(2000L, 2999L));
        } finally {
            delete(dir);
        }
    }

    @Property(tries = 300)
    void randomBytesInThePhasesAreReadOrAClearError(@ForAll byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("matrix");
        try {
            Files.write(dir.resolve("phases.tsv"), concat(PHASE, bytes));

            Throwable t = catchThrowable(() -> MatrixData.read(dir));

            if (t != null) {
                assertThat(t).isInstanceOf(IOException.class).hasMessageContaining("phases.tsv");
            }
        } finally {
            delete(dir);
        }
    }

    private static byte[] concat(String head, byte[] tail) {
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + tail.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(tail, 0, out, h.length, tail.length);
        return out;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

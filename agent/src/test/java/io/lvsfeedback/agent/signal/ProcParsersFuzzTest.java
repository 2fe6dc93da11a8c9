package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The /proc readers take whatever the kernel (or a broken mount) gives them without throwing. */
class ProcParsersFuzzTest {

    @Property(tries = 500)
    void cpuLineParsesOrIsNull(@ForAll("procLines") String text) {
        long[] t = CpuSignal.parseCpuLine(text);
        if (t != null) {
            assertThat(t).hasSize(2);
            assertThat(t[0]).isLessThanOrEqualTo(t[1]);
        }
    }

    @Property(tries = 100)
    void tcpTableOfAnyShapeGivesASnapshot(@ForAll("procLines") String table) throws Exception {
        Path proc = Files.createTempDirectory("fakeproc");
        try {
            Files.createDirectories(proc.resolve("net"));
            Files.createDirectories(proc.resolve("self/fd"));
            Files.write(proc.resolve("net/tcp"), table.getBytes(StandardCharsets.ISO_8859_1));
            ListeningSockets.Snapshot s = new ListeningSockets(proc).snapshot();
            // no socket inodes in the fake fd directory: nothing can belong to this process
            assertThat(s.listeningPorts()).isEmpty();
            assertThat(s.connectionsExcept(Set.of())).isZero();
        } finally {
            try (var all = Files.walk(proc)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<String> procLines() {
        Arbitrary<String> numbers = Arbitraries.longs().between(-5, Long.MAX_VALUE).map(String::valueOf)
                .list().ofMaxSize(12).map(l -> "cpu  " + String.join(" ", l) + "\n");
        Arbitrary<String> tcpish = Arbitraries.strings().withChars("0123456789ABCDEF: \n").ofMaxLength(400)
                .map(s -> "  sl  local_address rem_address   st\n" + s);
        return Arbitraries.oneOf(numbers, tcpish, Arbitraries.strings().ofMaxLength(300));
    }
}

package io.lvsfeedback.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lvsfeedback.agent.util.AgentClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathCheckTest {

    private static PathCheck.Status pollUntilSettled(PathCheck c, PathCheck.Status expected) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            c.poll();
            assertThat(c.status()).isEqualTo(expected);
        });
        return c.status();
    }

    @Test
    void readableDirectoryAndFileAreOk(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        try (PathCheck d = new PathCheck(dir, Duration.ofSeconds(5), AgentClock.SYSTEM);
                PathCheck f = new PathCheck(dir.resolve("f"), Duration.ofSeconds(5), AgentClock.SYSTEM)) {
            pollUntilSettled(d, PathCheck.Status.OK);
            pollUntilSettled(f, PathCheck.Status.OK);
        }
    }

    @Test
    void missingPathFails() {
        try (PathCheck c = new PathCheck(Path.of("/nonexistent/mount"), Duration.ofSeconds(5), AgentClock.SYSTEM)) {
            pollUntilSettled(c, PathCheck.Status.FAILED);
            assertThat(c.detail()).contains("/nonexistent/mount");
        }
    }

    @Test
    void aReadThatNeverReturnsIsHungWithoutBlockingThePoller(@TempDir Path dir) throws Exception {
        // Opening a FIFO with no writer blocks forever in the kernel: a faithful stand-in for a hung NFS mount.
        Path fifo = dir.resolve("hung");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
        try (PathCheck c = new PathCheck(fifo, Duration.ofMillis(300), AgentClock.SYSTEM)) {
            pollUntilSettled(c, PathCheck.Status.HUNG);
            assertThat(c.detail()).contains("did not answer within 300 ms");
        } finally {
            // unblock the reader thread so it does not linger
            try (var w = Files.newOutputStream(fifo)) {
                w.write(1);
            }
        }
    }
}

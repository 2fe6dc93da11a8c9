package io.lvsfeedback.model.protocol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Regression: a FIFO as secret file blocked forever; /dev/zero or a huge file filled the heap. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedSecretFileTest {
    @TempDir
    Path dir;

    @Test
    void aFifoIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        assertThatThrownBy(() -> SharedSecret.fromFile(fifo)).isInstanceOf(IOException.class)
                .hasMessage("cannot read secret-file " + fifo + ": not a regular file (a FIFO)");
    }

    @Test
    void aHugeSparseFileIsRefusedWithoutReadingIt() throws IOException {
        Path big = dir.resolve("big");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        assertThatThrownBy(() -> SharedSecret.fromFile(big)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot read secret-file " + big + ": 3221225472 bytes, more than the");
    }

    @Test
    void devZeroAndADirectoryAreRefused() {
        assertThatThrownBy(() -> SharedSecret.fromFile(Path.of("/dev/zero"))).isInstanceOf(IOException.class)
                .hasMessage("cannot read secret-file /dev/zero: not a regular file (a character device)");
        assertThatThrownBy(() -> SharedSecret.fromFile(dir)).isInstanceOf(IOException.class)
                .hasMessage("cannot read secret-file " + dir + ": not a regular file (a directory)");
    }
}

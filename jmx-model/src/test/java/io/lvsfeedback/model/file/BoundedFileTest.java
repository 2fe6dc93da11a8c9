package io.lvsfeedback.model.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of file a setting may name: read when small and regular, else a clear error at once. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails instead of blocking the build
class BoundedFileTest {
    static final int LIMIT = 1024;
    @TempDir
    Path dir;

    /** A named pipe: opening it for reading blocks until a writer comes, i.e. forever. */
    static Path fifo(Path dir) throws IOException, InterruptedException {
        Path p = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor()).isZero();
        return p;
    }

    /** A file that claims gigabytes without using the disk. */
    static Path sparse(Path dir, long bytes) throws IOException {
        Path p = dir.resolve("sparse");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return p;
    }

    /** A file this process cannot open: mode 000, or for root a write-only sysctl. */
    static Path unreadable(Path dir) throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/proc/sys/vm/drop_caches"); // --w-------: EACCES even for root
        }
        Path p = Files.writeString(dir.resolve("secret"), "x");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        return p;
    }

    @Test
    void readsASmallRegularFile() throws IOException {
        Path p = Files.writeString(dir.resolve("ok"), "key=value\n");
        assertThat(BoundedFile.readText(p, LIMIT)).isEqualTo("key=value\n");
        assertThat(BoundedFile.read(Files.write(dir.resolve("full"), new byte[LIMIT]), LIMIT)).hasSize(LIMIT);
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path p = fifo(dir);
        assertThatThrownBy(() -> BoundedFile.read(p, LIMIT)).isInstanceOf(IOException.class)
                .hasMessage(p + ": not a regular file (a FIFO)");
    }

    @Test
    void devZeroIsRefused() {
        assertThatThrownBy(() -> BoundedFile.read(Path.of("/dev/zero"), LIMIT)).isInstanceOf(IOException.class)
                .hasMessage("/dev/zero: not a regular file (a character device)");
    }

    @Test
    void aDirectoryIsRefused() {
        assertThatThrownBy(() -> BoundedFile.read(dir, LIMIT)).hasMessage(dir + ": not a regular file (a directory)");
    }

    @Test
    void aHugeSparseFileIsRefusedBeforeReading() throws IOException {
        Path p = sparse(dir, 8L << 30);
        assertThatThrownBy(() -> BoundedFile.read(p, LIMIT))
                .hasMessage(p + ": 8589934592 bytes, more than the " + LIMIT + " bytes allowed");
        assertThatThrownBy(() -> BoundedFile.read(Files.write(dir.resolve("one-more"), new byte[LIMIT + 1]), LIMIT))
                .hasMessageContaining("1025 bytes, more than the 1024 bytes allowed");
    }

    @Test
    void anUnreadableFileIsAClearError() throws IOException {
        Path p = unreadable(dir);
        assertThatThrownBy(() -> BoundedFile.read(p, LIMIT)).hasMessage(p + ": permission denied");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> BoundedFile.read(dir.resolve("nope"), LIMIT)).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("nope") + ": no such file");
    }

    @Test
    void aFileWhoseSizeSaysZeroIsStillBounded() {
        // /proc files report size 0; the read itself stops after the limit.
        assertThatThrownBy(() -> BoundedFile.read(Path.of("/proc/self/maps"), 16))
                .hasMessageContaining("more than the 16 bytes allowed");
    }

    @Test
    void textMustBeUtf8() throws IOException {
        Path p = Files.write(dir.resolve("latin1"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> BoundedFile.readText(p, LIMIT)).hasMessage(p + ": not UTF-8 text");
    }

    @Test
    void checkRefusesWhatReadRefusesButAllowsAMissingFile() throws Exception {
        BoundedFile.checkIfPresent(dir.resolve("not-yet"), LIMIT);
        BoundedFile.checkIfPresent(Files.writeString(dir.resolve("state"), "x"), LIMIT);
        Path p = fifo(dir);
        assertThatThrownBy(() -> BoundedFile.checkIfPresent(p, LIMIT)).hasMessage(p + ": not a regular file (a FIFO)");
        assertThatThrownBy(() -> BoundedFile.checkIfPresent(dir, LIMIT)).hasMessageContaining("(a directory)");
    }

    @Test
    void aKeyReadableByOthersIsNamed() throws IOException {
        Path p = Files.writeString(dir.resolve("key"), "0123456789abcdef");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        assertThat(BoundedFile.exposure(p)).isEmpty();
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(BoundedFile.exposure(p)).contains("readable by its group (mode 640)");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(BoundedFile.exposure(p)).contains("readable by its group and by everyone (mode 644)");
    }
}

package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction directories left by a killed JVM are swept; those of a live JVM are not. */
class ExtractionDirsTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryWhoseLockNobodyHoldsIsSweptAndALiveOneIsKept() throws Exception {
        Path stale = Files.createDirectory(tmp.resolve(ExtractionDirs.PREFIX + "stale"));
        Files.write(stale.resolve(ExtractionDirs.LOCK), new byte[0]);
        Files.write(stale.resolve("netlink.jar"), new byte[] {1, 2, 3});
        Path noLockFile = Files.createDirectory(tmp.resolve(ExtractionDirs.PREFIX + "being-created"));
        Path unrelated = Files.createDirectory(tmp.resolve("something-else"));
        ExtractionDirs.Locked ours = ExtractionDirs.create(tmp);

        int removed = ExtractionDirs.sweep(tmp, null);

        assertThat(removed).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(ours.dir).as("held by this JVM").isDirectory();
        assertThat(ours.dir.resolve(ExtractionDirs.LOCK)).isRegularFile();
        assertThat(noLockFile).isDirectory();
        assertThat(unrelated).isDirectory();
        ours.lock.release();
    }

    @Test
    void aDirectoryLockedByAnotherLiveProcessIsKeptAndSweptOnceItDies() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(ExtractionDirs.PREFIX + "other-jvm"));
        Path lockFile = dir.resolve(ExtractionDirs.LOCK);
        Files.write(lockFile, new byte[0]);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", ChildClassPath.current(), LockHolder.class.getName(),
                lockFile.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("LOCKED");

            assertThat(ExtractionDirs.sweep(tmp, null)).isZero();
            assertThat(dir).isDirectory();

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ExtractionDirs.sweep(tmp, null)).isEqualTo(1);
            assertThat(dir).doesNotExist();
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Child process: locks the file, says so, and waits to be killed (bounded to a minute). */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Paths.get(args[0]), StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                System.out.println(lock.isValid() ? "LOCKED" : "NOT LOCKED");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}

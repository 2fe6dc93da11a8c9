package io.lvsfeedback.model.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a file that a setting names (a key, a configuration, a state file): only a regular file,
 * and at most a given size, else an {@link IOException} that says what is wrong with it. Without
 * this a FIFO blocks the reader forever and {@code /dev/zero} or a huge file fills the heap; in an
 * agent that is the application's heap.
 */
public final class BoundedFile {
    // The file type bits of st_mode, as the JDK's "unix:mode" attribute gives them.
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private BoundedFile() {}

    /** The file's bytes. @throws IOException "PATH: problem" when it is missing, not regular, too big or unreadable */
    public static byte[] read(Path file, int maxBytes) throws IOException {
        checkRegular(file, attributes(file), maxBytes);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // One byte more than allowed tells a file that grew, or one whose size says 0 (/proc).
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw problem(file, e);
        }
        if (bytes.length > maxBytes) {
            throw new IOException(file + ": more than the " + maxBytes + " bytes allowed");
        }
        return bytes;
    }

    /** The file as UTF-8 text; bytes that are not UTF-8 are an error, not a replacement character. */
    public static String readText(Path file, int maxBytes) throws IOException {
        byte[] bytes = read(file, maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
    }

    /** Checks a file read later (a state file) without reading it; a missing one is fine. */
    public static void checkIfPresent(Path file, int maxBytes) throws IOException {
        if (Files.exists(file)) {
            checkRegular(file, attributes(file), maxBytes);
        }
    }

    /**
     * Who else may read a key file, e.g. {@code "readable by its group (mode 640)"}; empty when only
     * its owner may (or when the file system has no POSIX permissions).
     */
    public static Optional<String> exposure(Path file) {
        Set<PosixFilePermission> p;
        try {
            p = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        boolean group = p.contains(PosixFilePermission.GROUP_READ);
        boolean others = p.contains(PosixFilePermission.OTHERS_READ);
        if (!group && !others) {
            return Optional.empty();
        }
        String who = group && others ? "its group and by everyone" : group ? "its group" : "everyone";
        return Optional.of("readable by " + who + " (mode " + Integer.toOctalString(mode(p)) + ")");
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw problem(file, e);
        }
    }

    private static void checkRegular(Path file, BasicFileAttributes a, int maxBytes) throws IOException {
        if (!a.isRegularFile()) {
            throw new IOException(file + ": not a regular file (" + kind(file, a) + ")");
        }
        if (a.size() > maxBytes) {
            throw new IOException(file + ": " + a.size() + " bytes, more than the " + maxBytes + " bytes allowed");
        }
    }

    private static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        try {
            switch ((Integer) Files.getAttribute(file, "unix:mode") & S_IFMT) {
                case S_IFIFO:
                    return "a FIFO";
                case S_IFCHR:
                    return "a character device";
                case S_IFBLK:
                    return "a block device";
                case S_IFSOCK:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | RuntimeException e) {
            // no "unix" view here: say what we know
        }
        return "a device, FIFO or socket";
    }

    private static IOException problem(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new IOException(file + ": no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new IOException(file + ": permission denied", e);
        }
        return new IOException(file + ": " + e.getMessage(), e);
    }

    private static int mode(Set<PosixFilePermission> p) {
        int mode = 0;
        for (PosixFilePermission bit : p) {
            mode |= 0400 >> bit.ordinal(); // OWNER_READ .. OTHERS_EXECUTE, in rwxrwxrwx order
        }
        return mode;
    }
}

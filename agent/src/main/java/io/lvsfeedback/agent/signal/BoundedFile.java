package io.lvsfeedback.agent.signal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a small kernel file (/proc, cgroupfs) without trusting what is at its path: only a regular
 * file is opened, because opening a FIFO blocks until someone writes and /dev/zero never ends; at
 * most {@code limit} bytes are read, and a longer file is cut after its last complete line, so a
 * half number is never parsed as a whole one. The buffer is reused: the reader runs every 250 ms
 * inside someone's application. Not thread-safe.
 *
 * <p>The type is checked before the open, so a file swapped for a FIFO in between would still
 * block. Kernel files cannot be swapped (proc and cgroupfs refuse mknod, and replacing the mount
 * takes root), so only a fake tree in a test could do it.
 */
final class BoundedFile {
    private final byte[] buffer;

    BoundedFile(int limit) {
        this.buffer = new byte[limit];
    }

    int limit() {
        return buffer.length;
    }

    /** The text read, or that the file does not exist, or why it could not be read; never throws. */
    Content read(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Content.MISSING;
        } catch (IOException | RuntimeException e) {
            return Content.failed(reason(e));
        }
        if (!attributes.isRegularFile()) {
            return Content.failed("not a regular file (" + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device") + ")");
        }
        int n = 0;
        boolean cut;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < buffer.length) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
            cut = n == buffer.length && in.read() >= 0;
        } catch (NoSuchFileException e) {
            return Content.MISSING; // removed since the check: a cgroup that was just deleted
        } catch (IOException | RuntimeException e) {
            return Content.failed(reason(e));
        }
        int end = n;
        if (cut) {
            end = 0;
            for (int i = n - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    end = i + 1;
                    break;
                }
            }
        }
        return new Content(new String(buffer, 0, end, StandardCharsets.UTF_8), cut, null);
    }

    /** The operating system's words ("Input/output error"), not a stack trace, for a one-line log. */
    private static String reason(Exception e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** One of: text (maybe cut), missing, failure. */
    static final class Content {
        static final Content MISSING = new Content(null, false, null);

        /** The complete lines read; null when missing or failed. */
        final String text;
        /** The file was longer than the limit; text holds the complete lines before the cut. */
        final boolean cut;
        /** Why the file could not be read; null when it could. */
        final String failure;

        Content(String text, boolean cut, String failure) {
            this.text = text;
            this.cut = cut;
            this.failure = failure;
        }

        static Content failed(String failure) {
            return new Content(null, false, failure);
        }

        boolean missing() {
            return text == null && failure == null;
        }
    }
}

package io.lvsfeedback.agent.realserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Reads and writes sysctls as plain files under a root (normally {@code /proc/sys}). */
final class Sysctls {
    private final Path root;

    Sysctls(Path root) {
        this.root = root;
    }

    /** The current value, trimmed; empty when the file does not exist (no such interface, no such root). */
    Optional<String> read(SysctlKey key) throws EnvironmentException {
        Path file = key.file(root);
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new NotPermittedException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new EnvironmentException("cannot read " + file + ": " + e);
        }
    }

    void write(SysctlKey key, String value) throws EnvironmentException {
        Path file = key.file(root);
        try {
            // No CREATE: a missing sysctl must fail, not turn into a new file.
            Files.write(file, (value + "\n").getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new EnvironmentException("cannot write " + key.name() + ": " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new NotPermittedException("cannot write " + key.name() + ": permission denied (EACCES on " + file + ")");
        } catch (IOException e) {
            throw new EnvironmentException("cannot write " + key.name() + "=" + value + ": " + e);
        }
    }

    /** The file a key maps to, for messages. */
    Path fileOf(SysctlKey key) {
        return key.file(root);
    }
}

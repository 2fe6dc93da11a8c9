package io.lvsfeedback.agent.realserver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The class path a child JVM needs to run {@link NetnsProbe}: this test run's own. */
final class ChildClassPath {
    private ChildClassPath() {}

    /** This test run's class path, from the shared helper (anchored at the probe). */
    static String current() {
        return io.lvsfeedback.testfixtures.ChildClassPath.of(NetnsProbe.class);
    }

    /**
     * A copy readable by any user (the Maven repository under /root is not), for a child that runs
     * as nobody. Only what the probe loads: this module's classes and the netlink stack.
     */
    static String worldReadableCopy(Path dir) {
        List<String> copied = new ArrayList<>();
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            int i = 0;
            for (String entry : current().split(File.pathSeparator)) {
                Path source = Paths.get(entry);
                String name = source.getFileName().toString();
                boolean needed = Files.isDirectory(source) || name.startsWith("netlink") || name.startsWith("jnr")
                        || name.startsWith("jffi") || name.startsWith("asm");
                if (!needed || !Files.exists(source)) {
                    continue;
                }
                Path target = dir.resolve((i++) + "-" + name);
                copyTree(source, target);
                copied.add(target.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(File.pathSeparator, copied);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.naturalOrder())::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}

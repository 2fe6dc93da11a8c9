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

    /**
     * Surefire may hide the real class path behind a manifest-only jar but publishes it in a
     * property; the JUnit console launcher (lab kernel tests) keeps it in its own loader, so then it
     * is rebuilt from where the classes were loaded and Maven's {@code target/test-classpath.txt}.
     */
    static String current() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null) {
            return surefire;
        }
        String own = System.getProperty("java.class.path");
        String testClasses = location(NetnsProbe.class);
        if (own.contains(testClasses)) {
            return own;
        }
        List<String> entries = new ArrayList<>();
        entries.add(testClasses);
        entries.add(location(RealServerSetup.class));
        Path listed = Paths.get("target", "test-classpath.txt");
        try {
            if (Files.exists(listed)) {
                entries.add(new String(Files.readAllBytes(listed), java.nio.charset.StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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

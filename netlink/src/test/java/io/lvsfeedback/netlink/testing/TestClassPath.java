package io.lvsfeedback.netlink.testing;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path a child JVM needs to run a test-side main class. Surefire puts it on
 * java.class.path; the JUnit console launcher of lab/kernel-tests loads tests through its own
 * class loader, so its URLs (and the module's target/test-classpath.txt) are added too.
 */
public final class TestClassPath {
    private TestClassPath() {
    }

    public static String forChildJvm(Class<?> anchor) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = anchor.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader) {
                for (URL url : ((URLClassLoader) loader).getURLs()) {
                    try {
                        entries.add(Paths.get(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file URL: a child JVM could not use it anyway
                    }
                }
            }
        }
        Path moduleTarget = Paths.get("target");
        entries.add(moduleTarget.resolve("test-classes").toAbsolutePath().toString());
        entries.add(moduleTarget.resolve("classes").toAbsolutePath().toString());
        Path listed = moduleTarget.resolve("test-classpath.txt");
        if (Files.isRegularFile(listed)) {
            try {
                entries.addAll(Arrays.asList(Files.readString(listed, StandardCharsets.UTF_8).trim().split(File.pathSeparator)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + listed.toAbsolutePath(), e);
            }
        }
        entries.addAll(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }
}

package io.lvsfeedback.testfixtures;

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
 * The one way a test finds the class path for a child JVM that runs a test-side main class.
 * Surefire may hide the real class path behind a manifest-only jar but publishes it in a property;
 * the JUnit console launcher of lab/kernel-tests loads tests through its own class loader, so then
 * the path is rebuilt from that loader, where the anchor was loaded from, the module's
 * target/(test-)classes and Maven's target/test-classpath.txt.
 */
public final class ChildClassPath {
    private ChildClassPath() {
    }

    public static String of(Class<?> anchor) {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null) {
            return surefire;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = anchor.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader) {
                for (URL url : ((URLClassLoader) loader).getURLs()) {
                    entries.add(file(url));
                }
            }
        }
        entries.add(file(anchor.getProtectionDomain().getCodeSource().getLocation()));
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

    /** A file URL's path, or "" for anything a child JVM could not use anyway. */
    private static String file(URL url) {
        try {
            return Paths.get(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException | NullPointerException e) {
            return "";
        }
    }
}

package io.lvsfeedback.agent.realserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader that holds the netlink module with jnr-ffi and jffi. Those cannot be relocated
 * (jffi binds its native library to its own class names), so the agent jar carries them as nested
 * jars under {@value #DIR} listed in {@value #INDEX}; they are extracted to a private temporary
 * directory and loaded by a loader whose parent is the platform loader, which the application never
 * sees. Without nested jars (unit tests on the plain class path) the caller's loader is used.
 */
final class IsolatedLibraries {
    static final String DIR = "lvsfeedback-isolated/";
    static final String INDEX = DIR + "index.txt";
    static final String ADDRESS_CLIENT = "io.lvsfeedback.netlink.route.AddressClient";

    private static ClassLoader shared;
    /** Mark our extraction directories as in use for as long as this JVM lives (see {@link ExtractionDirs}). */
    private static final List<java.nio.channels.FileLock> HELD_LOCKS = new ArrayList<>();

    private IsolatedLibraries() {}

    /** One loader per JVM: jffi's native library may be loaded by one class loader only. */
    static synchronized ClassLoader shared() throws EnvironmentException {
        if (shared == null) {
            shared = netlinkLoader(IsolatedLibraries.class.getClassLoader());
        }
        return shared;
    }

    /** Builds the loader from the nested jars found through {@code resources}, or falls back to it. */
    static ClassLoader netlinkLoader(ClassLoader resources) throws EnvironmentException {
        URL index = resources.getResource(INDEX);
        if (index == null) {
            return classPathFallback(resources);
        }
        List<String> jars = readIndex(index);
        if (jars.isEmpty()) {
            throw new EnvironmentException(INDEX + " lists no jars");
        }
        Path dir = extract(resources, jars);
        List<URL> urls = new ArrayList<>();
        for (String jar : jars) {
            try {
                urls.add(dir.resolve(jar).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new EnvironmentException("bad jar path " + dir.resolve(jar), e);
            }
        }
        return new URLClassLoader("lvsfeedback-isolated", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static ClassLoader classPathFallback(ClassLoader resources) throws EnvironmentException {
        try {
            Class.forName(ADDRESS_CLIENT, false, resources);
            return resources;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new EnvironmentException("netlink module not found: neither " + INDEX + " nor " + ADDRESS_CLIENT
                    + " is on the agent's class path");
        }
    }

    private static List<String> readIndex(URL index) throws EnvironmentException {
        List<String> jars = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String name = line.trim();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                if (!name.endsWith(".jar") || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                    throw new EnvironmentException(INDEX + ": bad entry '" + name + "' (want a plain jar file name)");
                }
                jars.add(name);
            }
        } catch (IOException e) {
            throw new EnvironmentException("cannot read " + INDEX + ": " + e, e);
        }
        return jars;
    }

    /** Copies the jars into a fresh owner-only directory that is deleted when the JVM exits. */
    private static Path extract(ClassLoader resources, List<String> jars) throws EnvironmentException {
        Path tmpRoot = Paths.get(System.getProperty("java.io.tmpdir"));
        Path dir;
        try {
            ExtractionDirs.Locked locked = ExtractionDirs.create(tmpRoot);
            synchronized (HELD_LOCKS) {
                HELD_LOCKS.add(locked.lock);
            }
            dir = locked.dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw new EnvironmentException("cannot create a temporary directory for the netlink jars in " + tmpRoot + ": " + e, e);
        }
        ExtractionDirs.sweep(tmpRoot, dir);
        for (String jar : jars) {
            Path target = dir.resolve(jar);
            target.toFile().deleteOnExit();
            try (InputStream in = resources.getResourceAsStream(DIR + jar)) {
                if (in == null) {
                    throw new EnvironmentException(INDEX + " lists " + jar + " but " + DIR + jar + " is not in the agent jar");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new EnvironmentException("cannot extract " + DIR + jar + " to " + target + ": " + e, e);
            }
        }
        return dir;
    }
}

package io.lvsfeedback.agent.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The netlink stack loaded from nested jars, as the agent jar carries it, in a loader of its own. */
class IsolatedLibrariesTest {
    @TempDir
    Path tmp;

    @Test
    void nestedJarsLoadInALoaderThatSeesOnlyTheJdkAndReadAddresses() throws Exception {
        ClassLoader resources = agentJarLike(name -> true);

        ClassLoader loader = IsolatedLibraries.netlinkLoader(resources);

        assertThat(loader).isNotSameAs(resources).isNotSameAs(getClass().getClassLoader());
        assertThat(loader.getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
        Class<?> client = Class.forName(IsolatedLibraries.ADDRESS_CLIENT, false, loader);
        assertThat(client.getClassLoader()).isSameAs(loader);
        assertThatThrownBy(() -> Class.forName(Check.class.getName(), false, loader))
                .as("the isolated loader cannot see the agent or the application").isInstanceOf(ClassNotFoundException.class);
        try (AddressOps ops = NetlinkAddressOps.open(loader)) {
            assertThat(ops.addresses("lo")).contains(InetAddress.getByName("127.0.0.1"));
            assertThatThrownBy(() -> ops.addresses("no-such-if0")).isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("no-such-if0");
        }
    }

    @Test
    void withoutNestedJarsTheClassPathIsUsed() throws Exception {
        ClassLoader plain = new URLClassLoader(classPathJars(name -> name.startsWith("netlink")), null);

        assertThat(IsolatedLibraries.netlinkLoader(plain)).isSameAs(plain);
    }

    @Test
    void noNetlinkAnywhereIsAClearError() {
        ClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());

        assertThatThrownBy(() -> IsolatedLibraries.netlinkLoader(empty)).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("netlink module not found");
    }

    @Test
    void aJarListedButNotPackedIsNamed() throws Exception {
        ClassLoader resources = agentJarLike(name -> true, "missing-1.0.jar");

        assertThatThrownBy(() -> IsolatedLibraries.netlinkLoader(resources)).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("missing-1.0.jar");
    }

    @Test
    void withoutJffiTheSetupStillVerifiesAndSaysWhyItCannotConfigure() throws Exception {
        // What a host looks like when jffi has no native library for it: the module cannot load.
        ClassLoader resources = agentJarLike(name -> !name.startsWith("jffi"));
        FakeHost host = new FakeHost(tmp.resolve("host")).nic("lo", true, true);
        RealServerSettings settings = host.settings().vip(InetAddress.getByName("10.0.0.10"))
                .mode(NetworkMode.CONFIGURE).outwardInterfaces(Arrays.asList("lo")).build();

        try (RealServerSetup setup = RealServerSetup.create(settings, () -> IsolatedLibraries.netlinkLoader(resources))) {
            List<Check> checks = setup.apply();

            assertThat(checks).filteredOn(c -> c.name().equals("netlink")).singleElement().satisfies(c -> {
                assertThat(c.ok()).isFalse();
                assertThat(c.actual()).contains("cannot load the netlink module");
            });
            assertThat(checks).filteredOn(c -> c.name().equals("vip 10.0.0.10/32 on lo")).singleElement()
                    .satisfies(c -> assertThat(c.fix()).isEqualTo("ip addr add 10.0.0.10/32 dev lo"));
            assertThat(checks).extracting(Check::name).as("VIPs are verify-only, not a failed configure each")
                    .doesNotContain("configure vip 10.0.0.10/32 on lo");
            assertThat(host.sysctlValue("all", "arp_ignore")).as("file-based steps still run").isEqualTo("1");
        }
    }

    /** A loader over a directory laid out like the agent jar: lvsfeedback-isolated/ with the jars and index.txt. */
    private ClassLoader agentJarLike(Predicate<String> keep, String... extraIndexLines) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("agent-jar"));
        Path dir = Files.createDirectories(root.resolve(IsolatedLibraries.DIR));
        List<String> index = new ArrayList<>();
        for (URL url : classPathJars(name -> isNetlinkStack(name) && keep.test(name))) {
            Path jar = Paths.get(url.getPath());
            Files.copy(jar, dir.resolve(jar.getFileName()));
            index.add(jar.getFileName().toString());
        }
        index.addAll(Arrays.asList(extraIndexLines));
        Files.write(root.resolve(IsolatedLibraries.INDEX), index, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static boolean isNetlinkStack(String name) {
        return name.startsWith("netlink") || name.startsWith("jnr") || name.startsWith("jffi") || name.startsWith("asm");
    }

    private static URL[] classPathJars(Predicate<String> keep) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : ChildClassPath.current().split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            if (p.getFileName().toString().endsWith(".jar") && keep.test(p.getFileName().toString())) {
                urls.add(p.toUri().toURL());
            }
        }
        assertThat(urls).as("netlink jars on the test class path").isNotEmpty();
        return urls.toArray(new URL[0]);
    }
}

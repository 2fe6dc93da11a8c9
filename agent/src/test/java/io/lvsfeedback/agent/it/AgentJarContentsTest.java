package io.lvsfeedback.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shaded agent jar leaks nothing into the application's class path. */
@Tag("jar")
class AgentJarContentsTest {

    private static List<String> entries() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            return jar.stream().map(e -> e.getName()).collect(Collectors.toList());
        }
    }

    @Test
    void onlyOurPackagesAndTheNestedIsolatedJars() throws IOException {
        List<String> stray = new ArrayList<>();
        for (String name : entries()) {
            boolean ours = name.startsWith("io/lvsfeedback/") || name.equals("io/");
            boolean meta = name.equals("META-INF/") || name.equals("META-INF/MANIFEST.MF");
            boolean isolated = name.equals("lvsfeedback-isolated/") || name.equals("lvsfeedback-isolated/index.txt")
                    || name.matches("lvsfeedback-isolated/[^/]+\\.jar");
            if (!(ours || meta || isolated)) {
                stray.add(name);
            }
        }
        assertThat(stray).as("entries outside io/lvsfeedback and lvsfeedback-isolated").isEmpty();
        assertThat(entries()).noneMatch(n -> n.endsWith("module-info.class") || n.startsWith("META-INF/versions"));
        assertThat(entries()).contains("io/lvsfeedback/agent/LvsAgent.class",
                "io/lvsfeedback/model/protocol/ReportCodec.class", "io/lvsfeedback/agent/config/defaults.properties");
    }

    @Test
    void indexListsExactlyTheNestedJarsNetlinkAndItsRuntime() throws IOException {
        List<String> nested = entries().stream().filter(n -> n.matches("lvsfeedback-isolated/[^/]+\\.jar"))
                .map(n -> n.substring("lvsfeedback-isolated/".length())).sorted().collect(Collectors.toList());
        List<String> index;
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile());
                InputStream in = jar.getInputStream(jar.getEntry("lvsfeedback-isolated/index.txt"))) {
            index = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::trim).filter(s -> !s.isEmpty()).sorted().collect(Collectors.toList());
        }
        assertThat(index).isEqualTo(nested);
        assertThat(nested).anyMatch(n -> n.startsWith("netlink-"))
                .anyMatch(n -> n.startsWith("jnr-ffi-"))
                .anyMatch(n -> n.matches("jffi-[0-9.]+\\.jar"))
                .anyMatch(n -> n.matches("jffi-[0-9.]+-native\\.jar"))
                .anyMatch(n -> n.matches("asm-[0-9.]+\\.jar"))
                .noneMatch(n -> n.startsWith("jmx-model"));
    }

    @Test
    void manifestNamesTheEntryForBothWaysIn() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            Manifest m = jar.getManifest();
            assertThat(m.getMainAttributes().getValue("Premain-Class")).isEqualTo("io.lvsfeedback.agent.LvsAgent");
            assertThat(m.getMainAttributes().getValue("Agent-Class")).isEqualTo("io.lvsfeedback.agent.LvsAgent");
        }
    }
}

package io.lvsfeedback.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two .deb files as an operator gets them: their control data and contents (dpkg-deb), then
 * extracted (dpkg -x) into a scratch root, where the bridge unit's ExecStart runs with its
 * Environment against the packaged configuration, and the units pass systemd-analyze verify.
 */
class PackagesTest {
    static final Path DEBS = Path.of(System.getProperty("lvsfeedback.test.debs", "target"));
    static final String VERSION = System.getProperty("lvsfeedback.test.version", "0.1.0-SNAPSHOT");
    static final Path BRIDGE_DEB = DEBS.resolve("lvs-feedback-director-bridge_" + VERSION + "_all.deb");
    static final Path AGENT_DEB = DEBS.resolve("lvs-feedback-agent_" + VERSION + "_all.deb");
    static final String UNIT = "lib/systemd/system/lvs-director-bridge.service";

    @TempDir
    static Path root;

    @BeforeAll
    static void extract() throws Exception {
        // what dpkg -i unpacks; the maintainer scripts (user, key) are checked and imitated below
        for (Path deb : List.of(BRIDGE_DEB, AGENT_DEB)) {
            Run r = Run.of(List.of("dpkg", "-x", deb.toString(), root.toString()));
            assertThat(r.exit()).as(r.err()).isZero();
        }
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@code dpkg-deb -c}: "mode owner/group size date time ./path" per entry, keyed by path. */
    static Map<String, String> contents(Path deb) throws Exception {
        Run r = Run.of(List.of("dpkg-deb", "-c", deb.toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, String> out = new HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            out.put(f[f.length - 1].replaceFirst("^\\./", "/").replaceFirst("(.)/$", "$1"), f[0] + " " + f[1]);
        }
        return out;
    }

    static String info(Path deb, String... member) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dpkg-deb", "-I", deb.toString()));
        cmd.addAll(List.of(member));
        Run r = Run.of(cmd);
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void theBridgePackageHoldsJarUnitConfigAndScripts() throws Exception {
        assertThat(info(BRIDGE_DEB)).contains(" Package: lvs-feedback-director-bridge", " Architecture: all",
                " Depends: adduser, default-jre-headless (>= 2:1.17) | java17-runtime-headless")
                .containsPattern(" Version: 0\\.1\\.0~SNAPSHOT")
                .containsPattern("\\d+ bytes,\\s+\\d+ lines\\s+\\*\\s+postinst\\s+#!/bin/sh");
        assertThat(info(BRIDGE_DEB, "conffiles").lines()).containsExactly("/etc/lvs-feedback/bridge.properties");
        assertThat(info(BRIDGE_DEB, "postinst")).contains("adduser --system --group").contains("lvs-feedback")
                .contains("install -d -o lvs-feedback -g lvs-feedback -m 0750 /var/lib/lvs-feedback");
        assertThat(contents(BRIDGE_DEB)).containsEntry("/usr/share/lvs-feedback/director-bridge.jar", "-rw-r--r-- root/root")
                .containsEntry("/" + UNIT, "-rw-r--r-- root/root")
                .containsEntry("/etc/lvs-feedback/bridge.properties", "-rw-r--r-- root/root")
                .containsEntry("/usr/bin/director-bridge", "-rwxr-xr-x root/root")
                .containsEntry("/var/lib/lvs-feedback", "drwxr-x--- root/root")
                .containsKey("/usr/share/doc/lvs-feedback-director-bridge/README.md");
    }

    @Test
    void theMaintainerScriptsAreExecutableShellThatParses() throws Exception {
        Path control = Files.createDirectories(root.resolve("bridge-control"));
        Run extract = Run.of(List.of("dpkg-deb", "-e", BRIDGE_DEB.toString(), control.toString()));
        assertThat(extract.exit()).as(extract.err()).isZero();
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = control.resolve(script);
            assertThat(Files.isExecutable(file)).as(script + " executable").isTrue();
            Run parse = Run.of(List.of("sh", "-n", file.toString()));
            assertThat(parse.exit()).as(script + ": " + parse.err()).isZero();
        }
    }

    @Test
    void theAgentPackageHoldsJarSettingsAndTheExampleDropIn() throws Exception {
        assertThat(info(AGENT_DEB)).contains(" Package: lvs-feedback-agent", " Architecture: all");
        assertThat(info(AGENT_DEB, "conffiles").lines()).containsExactly("/etc/lvs-feedback/agent.properties");
        assertThat(contents(AGENT_DEB)).containsEntry("/usr/share/lvs-feedback/lvs-agent.jar", "-rw-r--r-- root/root")
                .containsEntry("/etc/lvs-feedback/agent.properties", "-rw-r--r-- root/root")
                .containsEntry("/usr/bin/lvs-agent", "-rwxr-xr-x root/root")
                .containsEntry("/usr/share/doc/lvs-feedback-agent/examples/lvs-agent.conf", "-rw-r--r-- root/root");
    }

    @Test
    void theUnitRunsThePackagedJarAsItsOwnUserWithOnlyCapNetAdmin() throws Exception {
        SystemdUnit unit = new SystemdUnit(root.resolve(UNIT));
        assertThat(unit.values("ExecStart")).singleElement().asString()
                .startsWith("/usr/bin/java $JAVA_OPTS $JMX_OPTS -jar /usr/share/lvs-feedback/director-bridge.jar run --config /etc/lvs-feedback/bridge.properties")
                .doesNotContain("target/");
        assertThat(unit.values("User")).containsExactly("lvs-feedback");
        assertThat(unit.values("AmbientCapabilities")).containsExactly("CAP_NET_ADMIN");
        assertThat(unit.values("CapabilityBoundingSet")).containsExactly("CAP_NET_ADMIN");
        assertThat(unit.values("StateDirectory")).containsExactly("lvs-feedback");
        assertThat(unit.values("ExecReload")).hasSize(2).last().isEqualTo("/bin/kill -HUP $MAINPID");
        // every hardening line says why, on the line above it
        List<String> lines = Files.readAllLines(root.resolve(UNIT));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("(NoNewPrivileges|Protect\\w+|Private\\w+|Restrict\\w+|CapabilityBoundingSet|AmbientCapabilities)=.*")) {
                assertThat(lines.get(i - 1)).as("comment above " + lines.get(i)).startsWith("#");
            }
        }
    }

    /**
     * The scratch root stands in for "/": the packaged configuration's paths are moved under it,
     * and the key and state directory are made as postinst and StateDirectory= make them.
     */
    List<String> installedCommand(String commandLine, SystemdUnit unit) throws IOException {
        Path config = root.resolve("etc/lvs-feedback/bridge.properties");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)= /(etc|var/lib)/lvs-feedback/", "= " + root + "/$1/lvs-feedback/"));
        Path key = root.resolve("etc/lvs-feedback/key");
        if (!Files.exists(key)) {
            Files.writeString(key, "packaged-bridge-test-key-0123456789\n");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Path state = root.resolve("var/lib/lvs-feedback");
            if (Run.ROOT) {
                Files.setOwner(key, key.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
                Files.setOwner(state, key.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            }
            for (Path dir : List.of(root.resolve("etc"), root.resolve("etc/lvs-feedback"), root.resolve("usr"),
                    root.resolve("usr/share"), root.resolve("usr/share/lvs-feedback"), root.resolve("var"), root.resolve("var/lib"))) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        List<String> command = new ArrayList<>();
        for (String word : unit.command(commandLine)) {
            command.add(word.replaceFirst("^/(usr/share|etc)/lvs-feedback/", root + "/$1/lvs-feedback/"));
        }
        return Run.asServiceUser(command);
    }

    @Test
    void theUnitsExecStartStartsFarEnoughToSayThereIsNoIpvs() throws Exception {
        assumeFalse(Files.exists(Path.of("/proc/net/ip_vs")),
                "this kernel has IPVS: ExecStart would run the daemon for real (the lab's tests cover that)");
        SystemdUnit unit = new SystemdUnit(root.resolve(UNIT));
        Run r = Run.of(installedCommand(unit.values("ExecStart").get(0), unit), unit.environment());
        // the configuration passed (exit 2 would be a configuration error); then netlink found no IPVS
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.err()).contains("IPVS: ").doesNotContain("configuration error");
    }

    @Test
    void theUnitsReloadChecksThePackagedConfiguration() throws Exception {
        SystemdUnit unit = new SystemdUnit(root.resolve(UNIT));
        Run r = Run.of(installedCommand(unit.values("ExecReload").get(0), unit), unit.environment());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(root.resolve("etc/lvs-feedback/bridge.properties") + ": OK (6 settings)\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void thePackagedAgentJarChecksThePackagedSettings() throws Exception {
        Path jar = root.resolve("usr/share/lvs-feedback/lvs-agent.jar");
        Path settings = root.resolve("etc/lvs-feedback/agent.properties");
        Run ok = Run.of(List.of("java", "-jar", jar.toString(), "check", "--config", settings.toString()));
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo("lvs-agent settings OK\n");
    }

    @Test
    void theUnitsPassSystemdAnalyzeVerify() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        // the bridge unit as installed, then the agent's example drop-in on a stand-in application unit
        Run bridge = Run.of(List.of("systemd-analyze", "verify", root.resolve(UNIT).toString()));
        assumeFalse(bridge.err().contains("Failed to initialize") || bridge.err().contains("Failed to create"),
                "systemd-analyze verify cannot run in this container: " + bridge.err());
        assertThat(bridge.exit()).as(bridge.err()).isZero();
        assertThat(bridge.out() + bridge.err()).isEmpty();

        Path units = Files.createDirectories(root.resolve("verify-units"));
        Files.writeString(units.resolve("myapp.service"), "[Service]\nExecStart=/usr/bin/java -version\n");
        Path dropIns = Files.createDirectories(units.resolve("myapp.service.d"));
        Files.copy(root.resolve("usr/share/doc/lvs-feedback-agent/examples/lvs-agent.conf"), dropIns.resolve("lvs-agent.conf"));
        Run app = Run.of(List.of("systemd-analyze", "verify", "myapp.service"), Map.of("SYSTEMD_UNIT_PATH", units + ":"));
        assertThat(app.exit()).as(app.err()).isZero();
        assertThat(app.out() + app.err()).isEmpty();
    }
}

package io.lvsfeedback.agent.realserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throwaway /proc/sys, /sys and /proc/net tree in a temporary directory. */
final class FakeHost {
    final Path sysctl;
    final Path sys;
    final Path procNet;

    FakeHost(Path root) {
        this.sysctl = root.resolve("proc-sys");
        this.sys = root.resolve("sys");
        this.procNet = root.resolve("proc-net");
        mkdirs(procNet);
        sysctlInterface("all");
        sysctlInterface("default");
    }

    /** Adds an interface: its sysctl directory (all zero) and its /sys/class/net entry. */
    FakeHost nic(String name, boolean up, boolean loopback) {
        sysctlInterface(name);
        Path dir = sys.resolve("class/net").resolve(name);
        mkdirs(dir);
        write(dir.resolve("flags"), up ? (loopback ? "0x9" : "0x1003") : "0x1002");
        write(dir.resolve("type"), loopback ? "772" : "1");
        return this;
    }

    FakeHost sysctl(String ifname, String setting, String value) {
        write(sysctl.resolve("net/ipv4/conf").resolve(ifname).resolve(setting), value);
        return this;
    }

    String sysctlValue(String ifname, String setting) {
        try {
            return new String(Files.readAllBytes(sysctl.resolve("net/ipv4/conf").resolve(ifname).resolve(setting)),
                    StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeHost file(String procNetFile, String content) {
        write(procNet.resolve(procNetFile), content);
        return this;
    }

    RealServerSettings.Builder settings() {
        return RealServerSettings.builder().sysctlRoot(sysctl).sysRoot(sys).procNetRoot(procNet);
    }

    private void sysctlInterface(String name) {
        for (String s : new String[] {"arp_ignore", "arp_announce", "rp_filter"}) {
            sysctl(name, s, "0");
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, (content + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

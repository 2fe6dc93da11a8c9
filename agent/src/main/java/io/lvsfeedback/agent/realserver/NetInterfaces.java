package io.lvsfeedback.agent.realserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Interface facts from {@code /sys/class/net}: plain files, readable without privilege, and correct
 * even for a down interface (where {@code java.net.NetworkInterface} would not see it).
 */
final class NetInterfaces {
    private static final int IFF_UP = 0x1;
    private static final int ARPHRD_LOOPBACK = 772;

    private final Path classNet;

    NetInterfaces(Path sysRoot) {
        this.classNet = sysRoot.resolve("class").resolve("net");
    }

    boolean exists(String ifname) {
        return Files.isDirectory(classNet.resolve(ifname));
    }

    /** True when the administrative IFF_UP flag is set; false when it is not or the interface is missing. */
    boolean isUp(String ifname) {
        String flags = readOrEmpty(ifname, "flags");
        if (flags.isEmpty()) {
            return false;
        }
        try {
            return (Integer.decode(flags) & IFF_UP) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    boolean isLoopback(String ifname) {
        return String.valueOf(ARPHRD_LOOPBACK).equals(readOrEmpty(ifname, "type"));
    }

    /** Interface names, sorted; empty when the directory cannot be read. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(classNet)) {
            for (Path p : dir) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            return Collections.emptyList();
        }
        Collections.sort(names);
        return names;
    }

    private String readOrEmpty(String ifname, String attribute) {
        try {
            return new String(Files.readAllBytes(classNet.resolve(ifname).resolve(attribute)), StandardCharsets.US_ASCII)
                    .trim();
        } catch (IOException e) {
            return "";
        }
    }
}

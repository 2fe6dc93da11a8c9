package io.lvsfeedback.samples.boot;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How this server names itself in its answers ({@code server=rs1}): {@code sample.name} (or
 * {@code SAMPLE_NAME}), else the host name. Checked like the Jetty sample's: printable ASCII, no spaces.
 */
@Component
public final class ServerName {

    private final String name;

    public ServerName(@Value("${sample.name:}") String configured) {
        String n = configured.isBlank() ? hostName() : configured.trim();
        if (!n.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("sample.name must be printable ASCII without spaces, got '" + n + "'");
        }
        this.name = n;
    }

    public String get() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

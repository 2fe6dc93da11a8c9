package io.lvsfeedback.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port free on loopback at the moment of asking, for a child JVM to listen on. */
public final class FreePort {
    private FreePort() {
    }

    public static int onLoopback() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}

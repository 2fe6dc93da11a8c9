package io.lvsfeedback.bridge.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A port that accepts and closes connections: what a health checker's TCP_CHECK connects to. */
final class ListeningPort implements AutoCloseable {
    private final ServerSocket socket;

    private ListeningPort(ServerSocket socket) {
        this.socket = socket;
        Thread t = new Thread(this::acceptLoop, "check-port-" + socket.getLocalSocketAddress());
        t.setDaemon(true);
        t.start();
    }

    static ListeningPort open(String address, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        return new ListeningPort(s);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket ignored = socket.accept()) {
                // accepted: that is all a TCP check asks for
            } catch (IOException e) {
                // closed, or a client gone: the loop condition decides
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.lvsfeedback.agent.server;

import io.lvsfeedback.agent.AgentLog;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The feedback port (docs/PROTOCOL.md): one acceptor thread and a pool of at most
 * {@code max-connections} handler threads; a connection beyond that is closed at once, so a flood
 * of clients costs the application nothing but those threads. Each handler is bounded by the
 * read timeout and the request size ({@link FeedbackExchange}).
 */
public final class FeedbackServer implements AutoCloseable {
    private static final AgentLog LOG = AgentLog.of(FeedbackServer.class);

    private final ServerSocket socket;
    private final ThreadPoolExecutor handlers;
    private final Thread acceptor;
    private final Supplier<FeedbackReport> reports;
    private final SharedSecret secret;
    private final Duration requestWait;
    private final Duration readTimeout;
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile boolean closed;

    private FeedbackServer(ServerSocket socket, int maxConnections, Supplier<FeedbackReport> reports,
            SharedSecret secret, Duration requestWait, Duration readTimeout) {
        this.socket = socket;
        this.reports = reports;
        this.secret = secret;
        this.requestWait = requestWait;
        this.readTimeout = readTimeout;
        AtomicInteger n = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "lvs-agent-feedback-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "lvs-agent-feedback-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds and starts serving.
     *
     * @param secret null to send unsigned reports
     * @throws IOException naming the address when the port cannot be bound (e.g. in use)
     */
    public static FeedbackServer start(InetAddress bind, int port, int maxConnections, Supplier<FeedbackReport> reports,
            SharedSecret secret, Duration requestWait, Duration readTimeout) throws IOException {
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(bind, port), 50);
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot listen on " + bind.getHostAddress() + ":" + port + " (" + e.getMessage() + ")", e);
        }
        FeedbackServer server = new FeedbackServer(ss, maxConnections, reports, secret, requestWait, readTimeout);
        server.acceptor.start();
        return server;
    }

    /** The port actually bound (differs from the setting when that was 0). */
    public int port() {
        return socket.getLocalPort();
    }

    /** Connections closed unserved because all handlers were busy. */
    public int rejectedConnections() {
        return rejected.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("feedback port accept failed: " + e);
                    pause();
                }
                continue;
            }
            try {
                handlers.execute(() -> new FeedbackExchange(client, reports, secret, requestWait, readTimeout).run());
            } catch (RejectedExecutionException e) {
                rejected.incrementAndGet();
                closeQuietly(client);
            }
        }
    }

    /** After an accept error (e.g. out of file descriptors), do not spin. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
        handlers.shutdownNow();
        try {
            acceptor.join(2000);
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

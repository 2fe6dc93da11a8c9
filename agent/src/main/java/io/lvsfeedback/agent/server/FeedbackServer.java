package io.lvsfeedback.agent.server;

import io.lvsfeedback.agent.util.AgentLog;
import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The feedback port (docs/PROTOCOL.md): one thread with a selector does all of it, accept, read,
 * deadlines and replies, so a connection costs a few hundred bytes and no thread, and a silent or
 * slow client holds nothing that others need. At most {@code max-connections} are open; when full,
 * a newcomer takes the place of the oldest connection that has not sent a request
 * ({@link ConnectionTable}). Connections from the configured bridge addresses are served first in
 * each round and are never closed to make room for others. Each connection is bounded by the
 * request wait, the read timeout and the request size ({@link Connection}).
 */
public final class FeedbackServer implements AutoCloseable {
    private static final AgentLog LOG = AgentLog.of(FeedbackServer.class);
    /** Kernel accept queue; the loop empties it every round. */
    private static final int BACKLOG = 256;
    /** Accepts per round before the ready connections get their turn. */
    private static final int ACCEPTS_PER_ROUND = 256;
    /** After an accept error (e.g. out of file descriptors), do not spin. */
    private static final long ACCEPT_PAUSE_NANOS = 100_000_000L;

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final Thread loop;
    private final ReportSource reports;
    private final SharedSecret secret;
    private final Duration requestWait;
    private final Duration readTimeout;
    private final Set<InetAddress> bridges;
    private final ConnectionTable<Client> table;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(512);
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger evicted = new AtomicInteger();
    private long acceptPausedUntil;
    private boolean acceptPaused;
    private volatile boolean closed;

    /** One open connection: its socket, its protocol state and what is still to be sent. */
    private static final class Client {
        final SocketChannel channel;
        final Connection state;
        SelectionKey key;
        ByteBuffer pending;
        long scheduled;
        int generation;
        boolean open = true;

        Client(SocketChannel channel, Connection state) {
            this.channel = channel;
            this.state = state;
        }
    }

    /** A deadline of a client; stale once the client's generation moved on. */
    private static final class Timer implements Comparable<Timer> {
        final long at;
        final Client client;
        final int generation;

        Timer(long at, Client client, int generation) {
            this.at = at;
            this.client = client;
            this.generation = generation;
        }

        boolean stale() {
            return !client.open || client.generation != generation;
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(at - o.at, 0);
        }
    }

    private FeedbackServer(ServerSocketChannel listener, Selector selector, int maxConnections,
            ReportSource reports, SharedSecret secret, Duration requestWait, Duration readTimeout,
            Set<InetAddress> bridges) throws IOException {
        this.listener = listener;
        this.selector = selector;
        this.reports = reports;
        this.secret = secret;
        this.requestWait = requestWait;
        this.readTimeout = readTimeout;
        this.bridges = Set.copyOf(bridges);
        this.table = new ConnectionTable<>(maxConnections, c -> c.state);
        this.acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        this.loop = new Thread(this::run, "lvs-agent-feedback");
        this.loop.setDaemon(true);
    }

    /** {@link #start(InetAddress, int, int, Supplier, SharedSecret, Duration, Duration, Set)} with no preferred addresses. */
    public static FeedbackServer start(InetAddress bind, int port, int maxConnections, Supplier<FeedbackReport> reports,
            SharedSecret secret, Duration requestWait, Duration readTimeout) throws IOException {
        return start(bind, port, maxConnections, reports, secret, requestWait, readTimeout, Set.of());
    }

    /**
     * Binds and starts serving.
     *
     * @param maxConnections open connections at most
     * @param secret null to send unsigned reports
     * @param bridges addresses served first and never closed to make room for others
     * @throws IOException naming the address when the port cannot be bound (e.g. in use)
     */
    public static FeedbackServer start(InetAddress bind, int port, int maxConnections, Supplier<FeedbackReport> reports,
            SharedSecret secret, Duration requestWait, Duration readTimeout, Set<InetAddress> bridges)
            throws IOException {
        return start(bind, port, maxConnections, ReportSource.latest(reports), secret, requestWait, readTimeout, bridges);
    }

    /**
     * Binds and starts serving the report each request's {@code at=} asks for.
     *
     * @param maxConnections open connections at most
     * @param secret null to send unsigned reports
     * @param bridges addresses served first and never closed to make room for others
     * @throws IOException naming the address when the port cannot be bound (e.g. in use)
     */
    public static FeedbackServer start(InetAddress bind, int port, int maxConnections, ReportSource reports,
            SharedSecret secret, Duration requestWait, Duration readTimeout, Set<InetAddress> bridges)
            throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        Selector selector = null;
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(bind, port), BACKLOG);
            ch.configureBlocking(false);
            selector = Selector.open();
            FeedbackServer server = new FeedbackServer(ch, selector, maxConnections, reports, secret, requestWait,
                    readTimeout, bridges);
            server.loop.start();
            return server;
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (selector != null) {
                selector.close();
            }
            throw new IOException("cannot listen on " + bind.getHostAddress() + ":" + port + " (" + e.getMessage() + ")", e);
        }
    }

    /** The port actually bound (differs from the setting when that was 0). */
    public int port() {
        return listener.socket().getLocalPort();
    }

    /** Newcomers closed at once because every open connection was a preferred one. */
    public int rejectedConnections() {
        return rejected.get();
    }

    /** Open connections closed to make room for a newcomer. */
    public int evictedConnections() {
        return evicted.get();
    }

    private void run() {
        while (!closed) {
            try {
                round();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // Never let the port die: log, breathe, go on.
                LOG.warn("feedback port: " + e);
                sleepQuietly();
            }
        }
    }

    /** One select, then: accept, serve bridges' ready connections, then the others, then deadlines. */
    private void round() throws IOException {
        long wait = millisToNextEvent(System.nanoTime());
        if (wait < 0) {
            selector.select();
        } else {
            selector.select(wait);
        }
        long now = System.nanoTime();
        List<Client> preferred = new ArrayList<>();
        List<Client> others = new ArrayList<>();
        for (SelectionKey k : selector.selectedKeys()) {
            if (k == acceptKey) {
                acceptAll(now);
            } else if (k.isValid()) {
                Client c = (Client) k.attachment();
                (c.state.preferred() ? preferred : others).add(c);
            }
        }
        selector.selectedKeys().clear();
        for (Client c : preferred) {
            ready(c, now);
        }
        for (Client c : others) {
            ready(c, now);
        }
        expire(System.nanoTime());
        if (acceptPaused && System.nanoTime() - acceptPausedUntil >= 0) {
            acceptPaused = false;
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void acceptAll(long now) {
        for (int i = 0; i < ACCEPTS_PER_ROUND && !acceptPaused; i++) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("feedback port accept failed: " + e);
                    acceptPaused = true;
                    acceptPausedUntil = now + ACCEPT_PAUSE_NANOS;
                    acceptKey.interestOps(0);
                }
                return;
            }
            if (ch == null) {
                return;
            }
            admit(ch, now);
        }
    }

    private void admit(SocketChannel ch, long now) {
        try {
            boolean preferred = isBridge(ch.getRemoteAddress());
            if (table.full()) {
                Client victim = table.victimFor(preferred);
                if (victim == null) {
                    rejected.incrementAndGet();
                    ch.close();
                    return;
                }
                evicted.incrementAndGet();
                close(victim);
            }
            ch.configureBlocking(false);
            Client c = new Client(ch, new Connection(reports, secret, requestWait, readTimeout, preferred, now));
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            table.add(c);
            progress(c, now);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
        }
    }

    private boolean isBridge(SocketAddress remote) {
        return !bridges.isEmpty() && remote instanceof InetSocketAddress
                && bridges.contains(((InetSocketAddress) remote).getAddress());
    }

    private void ready(Client c, long now) {
        if (!c.open) {
            return; // closed earlier in this round (made room for a newcomer)
        }
        try {
            if (c.key.isValid() && c.key.isReadable()) {
                read(c, now);
            }
            progress(c, now);
        } catch (IOException | RuntimeException e) {
            LOG.debug("feedback connection ended: " + e);
            close(c);
        }
    }

    private void read(Client c, long now) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            c.state.endOfInput();
        } else {
            c.state.received(readBuffer.array(), n, now);
        }
    }

    /** After any event: send what the connection has to say, then close it or wait for what it waits for. */
    private void progress(Client c, long now) throws IOException {
        String out = c.state.takeOutput();
        if (out != null) {
            ByteBuffer bytes = ByteBuffer.wrap(out.getBytes(StandardCharsets.US_ASCII));
            c.pending = c.pending == null ? bytes : concat(c.pending, bytes);
        }
        if (c.pending != null) {
            c.channel.write(c.pending);
            if (!c.pending.hasRemaining()) {
                c.pending = null;
                c.state.outputSent();
            }
        }
        if (c.state.phase() == Connection.Phase.CLOSED) {
            close(c);
            return;
        }
        boolean listening = c.state.phase() != Connection.Phase.REPLYING;
        c.key.interestOps((listening ? SelectionKey.OP_READ : 0) | (c.pending != null ? SelectionKey.OP_WRITE : 0));
        if (c.state.deadline() != c.scheduled || c.generation == 0) {
            c.scheduled = c.state.deadline();
            timers.add(new Timer(c.scheduled, c, ++c.generation));
        }
    }

    private void expire(long now) {
        while (!timers.isEmpty() && now - timers.peek().at >= 0) {
            Timer t = timers.poll();
            if (t.stale()) {
                continue;
            }
            try {
                if (t.client.state.phase() != Connection.Phase.REPLYING) {
                    // Bytes that came while this thread was held up count as in time.
                    read(t.client, now);
                    progress(t.client, now);
                }
                if (!t.stale()) {
                    t.client.state.deadlinePassed(now);
                    progress(t.client, now);
                }
            } catch (IOException | RuntimeException e) {
                close(t.client);
            }
        }
    }

    /** Milliseconds until the next deadline or the end of an accept pause; -1 for none. */
    private long millisToNextEvent(long now) {
        while (!timers.isEmpty() && timers.peek().stale()) {
            timers.poll();
        }
        long next = timers.isEmpty() ? Long.MAX_VALUE : timers.peek().at - now;
        if (acceptPaused) {
            next = Math.min(next, acceptPausedUntil - now);
        }
        if (next == Long.MAX_VALUE) {
            return -1;
        }
        return Math.max(1, (next + 999_999) / 1_000_000);
    }

    private static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
        ByteBuffer both = ByteBuffer.allocate(a.remaining() + b.remaining());
        both.put(a).put(b).flip();
        return both;
    }

    private void close(Client c) {
        if (!c.open) {
            return;
        }
        c.open = false;
        table.remove(c);
        if (c.state.phase() == Connection.Phase.CLOSED && c.pending == null) {
            try {
                c.channel.shutdownOutput(); // the reply, then FIN, as the blocking server did
            } catch (IOException e) {
                // closing anyway
            }
        }
        closeQuietly(c.channel);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Client c : new ArrayList<>(toList(table.all()))) {
            closeQuietly(c.channel);
        }
        try {
            listener.close();
            selector.close();
        } catch (IOException e) {
            // closing
        }
    }

    private static List<Client> toList(Iterable<Client> clients) {
        List<Client> out = new ArrayList<>();
        clients.forEach(out::add);
        return out;
    }
}

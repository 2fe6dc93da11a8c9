package io.lvsfeedback.bench.agents;

import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;

/**
 * A light stand-in for thousands of agents: one listening socket answers the feedback protocol for
 * every local address it is reached on, each address behaving as its own real server. Put a prefix
 * on {@code lo} in a namespace (e.g. {@code ip addr add 10.77.0.1/16 dev lo}: the whole /16 becomes
 * local) and every destination 10.77.x.y:PORT polled by the bridge lands here.
 *
 * <p>Usage: {@code java -cp lvs-benchmarks.jar io.lvsfeedback.bench.agents.FakeAgentFarm
 * [bind=0.0.0.0] [port=3333] [secret-file=F] [workers=8] [duration=600] [jitter=0.05] [stats-every=10]}.
 * It stops by itself after {@code duration} seconds and prints what it served.
 */
public final class FakeAgentFarm implements AutoCloseable {
    private final FarmSettings settings;
    private final FeedbackExchange exchange;
    private final ServerSocket server;
    private final ExecutorService workers;
    private final Map<InetAddress, SyntheticAgent> agents = new ConcurrentHashMap<>();
    private final Map<FeedbackExchange.Outcome, AtomicLong> served = new EnumMap<>(FeedbackExchange.Outcome.class);
    private final AtomicLong failures = new AtomicLong();

    FakeAgentFarm(FarmSettings settings) throws IOException {
        this.settings = settings;
        this.exchange = new FeedbackExchange(
                settings.secretFile() == null ? null : SharedSecret.fromFile(settings.secretFile()));
        for (FeedbackExchange.Outcome o : FeedbackExchange.Outcome.values()) {
            served.put(o, new AtomicLong());
        }
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        // A bridge opens one connection per destination at the start of each cycle.
        server.bind(new InetSocketAddress(settings.bind(), settings.port()), 4096);
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "farm-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public static void main(String[] args) throws Exception {
        FarmOptions options = new FarmOptions();
        CommandLine line = new CommandLine(options);
        FarmSettings settings;
        try {
            if (CommandLine.printHelpIfRequested(line.parseArgs(args))) {
                return;
            }
            settings = options.settings();
        } catch (CommandLine.ParameterException e) {
            System.err.println("fake-agent-farm: " + e.getMessage());
            line.usage(System.err);
            System.exit(2);
            return;
        }
        try (FakeAgentFarm farm = new FakeAgentFarm(settings)) {
            System.out.println("fake-agent-farm: listening on " + farm.server.getLocalSocketAddress()
                    + " for " + settings.durationSeconds() + " s");
            farm.run();
        }
    }

    int localPort() {
        return server.getLocalPort();
    }

    /** Accepts until the duration is over or the farm is closed. */
    void run() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "farm-timer");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(this::close, settings.durationSeconds(), TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> System.out.println(summary()),
                settings.statsEverySeconds(), settings.statsEverySeconds(), TimeUnit.SECONDS);
        try {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (SocketException closed) {
                    break;
                }
                workers.execute(() -> handle(socket));
            }
        } catch (IOException e) {
            System.err.println("fake-agent-farm: accept failed: " + e);
        } finally {
            timer.shutdownNow();
            System.out.println(summary());
        }
    }

    private void handle(Socket socket) {
        try {
            SyntheticAgent agent = agents.computeIfAbsent(socket.getLocalAddress(),
                    a -> new SyntheticAgent(a, settings.jitter()));
            served.get(exchange.serve(socket, agent)).incrementAndGet();
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
        }
    }

    /** One line with the counters so far. */
    String summary() {
        return "fake-agent-farm: addresses=" + agents.size()
                + " reports=" + served.get(FeedbackExchange.Outcome.REPORT)
                + " agent_check=" + served.get(FeedbackExchange.Outcome.AGENT_CHECK)
                + " bad_requests=" + served.get(FeedbackExchange.Outcome.BAD_REQUEST)
                + " failures=" + failures;
    }

    long reportsServed() {
        return served.get(FeedbackExchange.Outcome.REPORT).get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is best effort; the process ends anyway
        }
        workers.shutdown();
    }
}

package io.lvsfeedback.bridge.poll;

import io.lvsfeedback.model.protocol.FeedbackReport;
import io.lvsfeedback.model.protocol.ProtocolException;
import io.lvsfeedback.model.protocol.ReportCodec;
import io.lvsfeedback.model.protocol.SharedSecret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small agent on loopback that speaks LVSFB/1 with the real codec; tests change what it says
 * (report, raw line, silence) while it runs.
 */
public final class TestAgentServer implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-agent");
        t.setDaemon(true);
        return t;
    });
    private volatile Function<String, String> replier;
    private volatile boolean hangAfterAnswer;
    private final AtomicInteger requests = new AtomicInteger();

    private TestAgentServer(InetAddress address, int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(address, port), 200);
        pool.execute(this::acceptLoop);
    }

    /** On 127.0.0.1, any free port. */
    public static TestAgentServer start() throws IOException {
        return new TestAgentServer(InetAddress.getLoopbackAddress(), 0);
    }

    public static TestAgentServer start(InetAddress address, int port) throws IOException {
        return new TestAgentServer(address, port);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public int requests() {
        return requests.get();
    }

    /** Answers every request with this report, signed with {@code secret} (null: unsigned). */
    public TestAgentServer reply(FeedbackReport report, SharedSecret secret) {
        replier = requestLine -> {
            try {
                return ReportCodec.encodeReply(report, ReportCodec.parseRequest(requestLine), secret);
            } catch (ProtocolException e) {
                return "bad request: " + e.getMessage() + "\n";
            }
        };
        return this;
    }

    /** Answers with a fixed raw text, whatever the request. */
    public TestAgentServer replyRaw(String text) {
        replier = requestLine -> text;
        return this;
    }

    /** Keeps the connection open after the answer, until the client closes (or 5 s pass). */
    public TestAgentServer thenHang() {
        this.hangAfterAnswer = true;
        return this;
    }

    /** Answers with a function of the request line (null: say nothing and hang until closed). */
    public TestAgentServer replyWith(Function<String, String> f) {
        replier = f;
        return this;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            requests.incrementAndGet();
            String answer = replier == null ? null : replier.apply(line == null ? "" : line + "\n");
            if (answer == null) {
                in.read(); // hang until the client gives up and closes, or 5 s pass
                return;
            }
            OutputStream out = s.getOutputStream();
            out.write(answer.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (hangAfterAnswer) {
                in.read();
            }
        } catch (IOException ignored) {
            // the client went away: nothing to do for a test agent
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}

package io.lvsfeedback.bridge.poll;

import io.lvsfeedback.bridge.ipvs.Endpoints;
import io.lvsfeedback.model.protocol.Nonce;
import io.lvsfeedback.model.protocol.ReportCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Polls agents with one NIO selector on the calling thread: no thread per agent, at most
 * {@code maxConcurrent} sockets open at a time, every connection bounded by its own deadline.
 */
public final class NioAgentPoller implements AgentPoller {
    private final Selector selector;
    private final int maxConcurrent;

    public NioAgentPoller(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a NIO selector", e);
        }
    }

    @Override
    public Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis) {
        return pollAll(requests, timeoutMillis, 0);
    }

    @Override
    public synchronized Map<PollRequest, PollOutcome> pollAll(Collection<PollRequest> requests, long timeoutMillis,
                                                              long atMillis) {
        Deque<PollRequest> pending = new ArrayDeque<>(new LinkedHashSet<>(requests));
        Map<PollRequest, PollOutcome> outcomes = new HashMap<>();
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        // Same timeout for all, so start order is deadline order: the head is always the next to expire.
        Deque<Exchange> byDeadline = new ArrayDeque<>();
        int inFlight = 0;
        while (!pending.isEmpty() || inFlight > 0) {
            while (inFlight < maxConcurrent && !pending.isEmpty()) {
                Exchange x = start(pending.poll(), timeoutNanos, atMillis);
                if (x.done()) {
                    outcomes.put(x.request, x.outcome);
                } else {
                    byDeadline.add(x);
                    inFlight++;
                }
            }
            if (inFlight == 0) {
                continue;
            }
            while (byDeadline.peek().done()) {
                byDeadline.poll(); // finished early; the head must be a live exchange
            }
            select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(byDeadline.peek().deadline - System.nanoTime()) + 1));
            for (SelectionKey key : selector.selectedKeys()) {
                Exchange x = (Exchange) key.attachment();
                x.onReady(key);
                if (x.done()) {
                    outcomes.put(x.request, x.outcome);
                    inFlight--;
                }
            }
            selector.selectedKeys().clear();
            long now = System.nanoTime();
            while (!byDeadline.isEmpty() && (byDeadline.peek().done() || now - byDeadline.peek().deadline >= 0)) {
                Exchange x = byDeadline.poll();
                if (!x.done()) {
                    x.expire("no reply within " + timeoutMillis + " ms (" + x.phase + ")");
                    outcomes.put(x.request, x.outcome);
                    inFlight--;
                }
            }
        }
        selectNowQuietly(); // flushes cancelled keys so their sockets are really closed
        return outcomes;
    }

    private void select(long millis) {
        try {
            selector.select(millis);
        } catch (IOException e) {
            throw new UncheckedIOException("NIO selector failed", e);
        }
    }

    private void selectNowQuietly() {
        try {
            selector.selectNow();
            selector.selectedKeys().clear();
        } catch (IOException ignored) {
            // only flushing cancelled keys
        }
    }

    private Exchange start(PollRequest request, long timeoutNanos, long atMillis) {
        Exchange x = new Exchange(request, System.nanoTime(), timeoutNanos, atMillis);
        try {
            SocketChannel ch = SocketChannel.open();
            x.channel = ch;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = ch.connect(request.agent());
            x.key = ch.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, x);
            x.phase = connected ? "sending" : "connecting";
        } catch (IOException | RuntimeException e) {
            x.fail("cannot connect: " + describe(e));
        }
        return x;
    }

    static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public synchronized void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** How a full report starts; anything else before it is an agent-check line. */
    private static final byte[] REPORT_PREFIX = (ReportCodec.MAGIC + " ").getBytes(StandardCharsets.US_ASCII);

    /** One request/reply with one agent. */
    private static final class Exchange {
        final PollRequest request;
        final long started;
        final long deadline;
        final String nonce = Nonce.next();
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(ReportCodec.MAX_REPLY_BYTES + 2);
        SocketChannel channel;
        SelectionKey key;
        String phase = "connecting";
        PollOutcome outcome;
        /** An agent-check line that came before the signed report, if any. */
        String checkLine;

        Exchange(PollRequest request, long started, long timeoutNanos, long atMillis) {
            this.request = request;
            this.started = started;
            this.deadline = started + timeoutNanos;
            this.out = ByteBuffer.wrap(ReportCodec.encodeRequest(nonce, atMillis).getBytes(StandardCharsets.US_ASCII));
        }

        boolean done() {
            return outcome != null;
        }

        void onReady(SelectionKey k) {
            try {
                if (k.isConnectable()) {
                    channel.finishConnect();
                    phase = "sending";
                    k.interestOps(SelectionKey.OP_WRITE);
                } else if (k.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        phase = "waiting for the reply";
                        k.interestOps(SelectionKey.OP_READ);
                    }
                } else if (k.isReadable()) {
                    read();
                }
            } catch (IOException | RuntimeException e) {
                fail(phase + ": " + describe(e));
            }
        }

        private void read() throws IOException {
            int n = channel.read(in);
            int newline = indexOfNewline();
            if (newline >= 0 && checkLine == null && !startsWithMagic()) {
                // An agent-check line: our request came after the agent's request wait. A current
                // agent sends the signed report next; keep the line for an agent that does not.
                checkLine = new String(in.array(), 0, newline + 1, StandardCharsets.UTF_8);
                drop(newline + 1);
                newline = indexOfNewline();
            }
            if (newline >= 0) {
                finish(new String(in.array(), 0, newline + 1, StandardCharsets.UTF_8));
            } else if (n < 0) {
                if (in.position() == 0) {
                    if (checkLine != null) {
                        finish(checkLine);
                    } else {
                        fail("agent closed the connection without a reply");
                    }
                } else {
                    // HAProxy-style agents may close instead of ending the line.
                    finish(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                }
            } else if (!in.hasRemaining()) {
                fail("reply longer than " + ReportCodec.MAX_REPLY_BYTES + " bytes without a line end");
            }
        }

        /**
         * The deadline passed: the agent-check line if one came; unanswered once connected (the host's
         * kernel took the connection, the JVM did not answer in time); else a failure.
         */
        void expire(String error) {
            if (checkLine != null) {
                finish(checkLine);
            } else if (!"connecting".equals(phase)) {
                outcome = PollOutcome.unanswered(Endpoints.format(request.agent()) + ": " + error,
                        System.nanoTime() - started);
                closeChannel();
            } else {
                fail(error);
            }
        }

        private boolean startsWithMagic() {
            if (in.position() < REPORT_PREFIX.length) {
                return false;
            }
            for (int i = 0; i < REPORT_PREFIX.length; i++) {
                if (in.array()[i] != REPORT_PREFIX[i]) {
                    return false;
                }
            }
            return true;
        }

        private void drop(int bytes) {
            byte[] a = in.array();
            int rest = in.position() - bytes;
            System.arraycopy(a, bytes, a, 0, rest);
            in.position(rest);
        }

        private int indexOfNewline() {
            byte[] a = in.array();
            for (int i = 0; i < in.position(); i++) {
                if (a[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private void finish(String line) {
            outcome = ReplyDecoder.decode(line, nonce, request, System.nanoTime() - started);
            closeChannel();
        }

        void fail(String error) {
            outcome = PollOutcome.failure(Endpoints.format(request.agent()) + ": " + error, System.nanoTime() - started);
            closeChannel();
        }

        private void closeChannel() {
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a socket we are done with
                }
            }
        }
    }
}

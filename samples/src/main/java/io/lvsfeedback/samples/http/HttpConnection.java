package io.lvsfeedback.samples.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The sample application's client: one HTTP/1.1 connection that can carry many requests
 * (keep-alive) or one ({@code Connection: close}: IPVS schedules connections, not requests, so a
 * new connection per request is scheduled afresh). Every step is bounded by the request's deadline,
 * so a failed request costs the client exactly its time-out. Reads Content-Length, chunked and
 * read-to-close bodies. Used by the demo's load and admin calls and by the benchmarks' loads.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int MAX_BODY = 8192;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 4096);
        this.out = socket.getOutputStream();
    }

    /** Connects, giving up at {@code deadlineNanos} ({@link System#nanoTime()}). */
    public static HttpConnection open(InetSocketAddress target, long deadlineNanos) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(target, remainingMillis(deadlineNanos));
            return new HttpConnection(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The connection's source port: which IPVS entry its packets match. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** GET {@code path}; {@code close} asks the server to close the connection after the answer. */
    public Answer get(String host, String path, boolean close, long deadlineNanos) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: " + (close ? "close" : "keep-alive")
                + "\r\n\r\n", deadlineNanos);
    }

    /** POST {@code path} with an empty body, then close (the sample's admin calls). */
    public Answer post(String host, String path, long deadlineNanos) throws IOException {
        return send("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                deadlineNanos);
    }

    private Answer send(String request, long deadlineNanos) throws IOException {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = readLine(deadlineNanos);
        int status = 0;
        if (statusLine.startsWith("HTTP/1.") && statusLine.length() >= 12) {
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                status = 0;
            }
        }
        long length = -1;
        boolean chunked = false;
        for (String h = readLine(deadlineNanos); !h.isEmpty(); h = readLine(deadlineNanos)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        if (chunked) {
            for (long size = Long.parseLong(readLine(deadlineNanos).split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(readLine(deadlineNanos).split(";")[0].trim(), 16)) {
                readExactly(body, size, deadlineNanos);
                readLine(deadlineNanos);
            }
            for (String t = readLine(deadlineNanos); !t.isEmpty(); t = readLine(deadlineNanos)) {
                // trailers: ignored
            }
        } else if (length >= 0) {
            readExactly(body, length, deadlineNanos);
        } else {
            byte[] buf = new byte[1024];
            int n;
            while ((n = read(buf, deadlineNanos)) >= 0) {
                if (body.size() < MAX_BODY) {
                    body.write(buf, 0, n);
                }
            }
        }
        return Answer.of(status, body.toString(StandardCharsets.UTF_8));
    }

    private void readExactly(ByteArrayOutputStream body, long length, long deadlineNanos) throws IOException {
        byte[] buf = new byte[1024];
        long left = length;
        while (left > 0) {
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("connection closed in the body");
            }
            if (body.size() < MAX_BODY) {
                body.write(buf, 0, n);
            }
            left -= n;
        }
    }

    private int read(byte[] buf, long deadlineNanos) throws IOException {
        socket.setSoTimeout(remainingMillis(deadlineNanos));
        return in.read(buf);
    }

    private String readLine(long deadlineNanos) throws IOException {
        StringBuilder b = new StringBuilder(64);
        while (true) {
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed before the answer ended");
            }
            if (c == '\n') {
                int len = b.length();
                return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
            }
            if (b.length() > 8192) {
                throw new IOException("header line too long");
            }
            b.append((char) c);
        }
    }

    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long ms = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * Status code (0 when unparsable), the {@code server=NAME} of the sample's answer ({@link #UNNAMED}
     * when the body names none) and the body (at most 8 KiB).
     */
    public record Answer(int status, String server, String body) {
        /** The server of an answer whose body names none. */
        public static final String UNNAMED = "?";

        static Answer of(int status, String body) {
            String server = UNNAMED;
            int at = body.indexOf("server=");
            if (at >= 0) {
                int end = at + 7;
                while (end < body.length() && !Character.isWhitespace(body.charAt(end))) {
                    end++;
                }
                server = body.substring(at + 7, end);
            }
            return new Answer(status, server, body);
        }
    }
}

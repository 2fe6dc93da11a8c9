package io.lvsfeedback.agent.probe;

import java.net.URI;
import java.net.URISyntaxException;

/** Where the idle probe sends its GET: {@code http://HOST[:PORT]/PATH}, parsed from agent setting {@code idle-probe}. */
public final class ProbeTarget {
    static final int MAX_LENGTH = 2048;

    private final String host;
    private final int port;
    private final String path;

    ProbeTarget(String host, int port, String path) {
        this.host = host;
        this.port = port;
        this.path = path;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The path and query, as sent in the request line. */
    public String path() {
        return path;
    }

    /** The target of {@code text}; IllegalArgumentException saying what is wrong with it. */
    public static ProbeTarget parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
        }
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            throw new IllegalArgumentException("expected http://HOST[:PORT]/PATH (plain HTTP to the application)");
        }
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("expected http://HOST[:PORT]/PATH, without user or #fragment");
        }
        int port = u.getPort() == -1 ? 80 : u.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        if (u.getRawQuery() != null) {
            path += "?" + u.getRawQuery();
        }
        return new ProbeTarget(u.getHost(), port, path);
    }

    @Override
    public String toString() {
        return "http://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port + path;
    }
}

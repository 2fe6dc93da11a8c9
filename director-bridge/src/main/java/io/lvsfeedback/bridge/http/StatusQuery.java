package io.lvsfeedback.bridge.http;

import java.util.Map;

/**
 * What a status request asks for: one service or all, which page of how many destinations, with
 * or without each destination's history (JSON only; the page always draws it), and how often the
 * page reloads itself (0: never).
 *
 * @param service a service key ({@code tcp:10.0.0.10:80}) or null for every service
 * @param page    1-based
 */
public record StatusQuery(String service, int page, int limit, boolean history, int refreshSeconds) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_REFRESH_SECONDS = 2;
    public static final StatusQuery ALL = new StatusQuery(null, 1, DEFAULT_LIMIT, false, DEFAULT_REFRESH_SECONDS);

    /**
     * Reads {@code service}, {@code page}, {@code limit}, {@code history} and {@code refresh}; other parameters are
     * ignored (a browser may add its own).
     *
     * @throws IllegalArgumentException naming the parameter and its bad value
     */
    public static StatusQuery parse(Map<String, String> params) {
        String service = params.get("service");
        if (service != null && service.isBlank()) {
            service = null;
        }
        int page = number(params, "page", 1, 1, Integer.MAX_VALUE);
        int limit = number(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String history = params.getOrDefault("history", "false");
        if (!history.equals("true") && !history.equals("false")) {
            throw new IllegalArgumentException("parameter 'history': expected true or false, got '" + history + "'");
        }
        int refresh = number(params, "refresh", DEFAULT_REFRESH_SECONDS, 0, 3600);
        return new StatusQuery(service, page, limit, history.equals("true"), refresh);
    }

    private static int number(Map<String, String> params, String name, int dflt, int min, int max) {
        String text = params.get(name);
        if (text == null || text.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("parameter '" + name + "': expected a whole number from " + min + " to " + max
                + ", got '" + text + "'");
    }

    /** The query string of the same request for another page (for the pager's links). */
    String forPage(int other) {
        StringBuilder q = new StringBuilder("?page=").append(other);
        if (limit != DEFAULT_LIMIT) {
            q.append("&limit=").append(limit);
        }
        if (refreshSeconds != DEFAULT_REFRESH_SECONDS) {
            q.append("&refresh=").append(refreshSeconds);
        }
        if (service != null) {
            q.append("&service=").append(java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8));
        }
        return q.toString();
    }
}

package io.lvsfeedback.model.protocol;

import java.util.Locale;

/** The administrative state an agent reports; the words are HAProxy agent-check's. */
public enum AdminState {
    /** Serving normally; the weight applies. */
    READY,
    /** Finish existing connections, accept no new ones (weight 0, connections kept). */
    DRAIN,
    /** Taken out by an operator for maintenance. */
    MAINT,
    /** Not able to serve at all. */
    DOWN;

    /** The protocol word, e.g. {@code "drain"}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a protocol word, accepting HAProxy's synonyms ({@code up} = ready, {@code fail} and
     * {@code stopped} = down).
     *
     * @throws ProtocolException naming the word when it is none of them
     */
    public static AdminState parse(String word) throws ProtocolException {
        AdminState state = parseOrNull(word);
        if (state == null) {
            throw new ProtocolException("unknown state '" + word + "' (expected ready, drain, maint or down)");
        }
        return state;
    }

    static AdminState parseOrNull(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "ready":
            case "up":
                return READY;
            case "drain":
                return DRAIN;
            case "maint":
                return MAINT;
            case "down":
            case "fail":
            case "stopped":
                return DOWN;
            default:
                return null;
        }
    }
}

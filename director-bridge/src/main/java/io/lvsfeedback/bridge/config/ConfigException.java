package io.lvsfeedback.bridge.config;

/** A configuration that cannot be used; the message names the key (or line) and the bad value. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

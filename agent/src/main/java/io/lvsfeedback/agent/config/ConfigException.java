package io.lvsfeedback.agent.config;

/** A setting that cannot be used; the message names the key and the bad value. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final String value;

    public ConfigException(String key, String value, String problem) {
        super("bad setting " + key + "=" + (value == null ? "" : value) + ": " + problem);
        this.key = key;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }
}

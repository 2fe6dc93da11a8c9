package io.lvsfeedback.bridge.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used. It carries every problem found (a check reports them all at
 * once); the message joins them, each naming the key (or line) and the bad value.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<ConfigProblem> problems;

    public ConfigException(String message) {
        this(null, message);
    }

    /** One problem with {@code key} (as the user wrote it, or null). */
    public ConfigException(String key, String message) {
        super(message);
        this.problems = List.of(new ConfigProblem(key, message));
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(new ConfigProblem(null, message));
    }

    /** Several problems, in the order to report them; at least one. */
    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one per key or line. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}

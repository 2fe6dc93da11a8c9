package io.lvsfeedback.bridge.config;

/**
 * One thing wrong with a configuration.
 *
 * @param key     the key as the user wrote it (e.g. {@code service.fwm:5.min-weight}), or null when
 *                the problem belongs to no key (an unreadable file, a line that is not key=value)
 * @param message what is wrong; names the key and the bad value, and where it came from when known
 */
public record ConfigProblem(String key, String message) {
    /** The same problem, said to come from {@code where} (e.g. {@code bridge.properties line 7}). */
    ConfigProblem at(String where) {
        return new ConfigProblem(key, where + ": " + message);
    }
}

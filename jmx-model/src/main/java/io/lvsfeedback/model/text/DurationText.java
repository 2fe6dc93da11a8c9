package io.lvsfeedback.model.text;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of durations in settings, for the agent and the bridge: a whole number with the
 * unit {@code ms}, {@code s} or {@code m} ({@code 500ms}, {@code 2s}, {@code 1m}). Each caller states
 * whether a bare number is allowed (as milliseconds) and words its own error.
 */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

    private DurationText() {
    }

    /** The duration, or empty when {@code text} is not one (or has no unit and {@code bareMillis} is false). */
    public static Optional<Duration> parse(String text, boolean bareMillis) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches() || (m.group(2) == null && !bareMillis)) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        switch (unit) {
            case "s":
                return Optional.of(Duration.ofSeconds(n));
            case "m":
                return Optional.of(Duration.ofMinutes(n));
            default:
                return Optional.of(Duration.ofMillis(n));
        }
    }
}

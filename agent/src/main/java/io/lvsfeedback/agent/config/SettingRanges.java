package io.lvsfeedback.agent.config;

import java.time.Duration;

/**
 * The allowed values of the settings that can also change while running, stated once: the config
 * reader checks the start-up value against them and the live JMX setters check every write.
 */
public final class SettingRanges {
    public static final Numbers SIGNAL_WEIGHT = new Numbers(0, 1);
    public static final WholeNumbers MIN_WEIGHT = new WholeNumbers(0, 100);
    /** JMX only: an operator's fixed weight in percent. */
    public static final WholeNumbers WEIGHT_OVERRIDE = new WholeNumbers(0, 100);
    public static final Durations SMOOTHING = new Durations(Duration.ZERO, Duration.ofHours(1));
    public static final Durations CAPACITY_EXPIRY = new Durations(Duration.ZERO, Duration.ofHours(1));

    private SettingRanges() {
    }

    /** A closed range of numbers. */
    public static final class Numbers {
        final double min;
        final double max;

        Numbers(double min, double max) {
            this.min = min;
            this.max = max;
        }

        boolean contains(double v) {
            return v >= min && v <= max; // false for NaN
        }

        /** The value, or an IllegalArgumentException naming {@code name}. */
        public double check(String name, double v) {
            if (!contains(v)) {
                throw new IllegalArgumentException(name + " must be " + plain(min) + ".." + plain(max) + ", got " + v);
            }
            return v;
        }
    }

    /** A closed range of whole numbers. */
    public static final class WholeNumbers {
        final int min;
        final int max;

        WholeNumbers(int min, int max) {
            this.min = min;
            this.max = max;
        }

        boolean contains(int v) {
            return v >= min && v <= max;
        }

        /** The value, or an IllegalArgumentException naming {@code name}. */
        public int check(String name, int v) {
            return check(name, v, "");
        }

        /** The same, with {@code hint} (e.g. " (... removes it)") at the end of the message. */
        public int check(String name, int v, String hint) {
            if (!contains(v)) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + v + hint);
            }
            return v;
        }
    }

    /** A closed range of durations. */
    public static final class Durations {
        final Duration min;
        final Duration max;

        Durations(Duration min, Duration max) {
            this.min = min;
            this.max = max;
        }

        boolean contains(Duration d) {
            return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
        }

        /** Seconds as written over JMX, to the millisecond, or an IllegalArgumentException naming {@code name}. */
        public Duration ofSeconds(String name, double seconds) {
            double lo = min.toMillis() / 1000.0;
            double hi = max.toMillis() / 1000.0;
            if (!(seconds >= lo && seconds <= hi)) {
                throw new IllegalArgumentException(name + " must be " + plain(lo) + ".." + plain(hi) + ", got " + seconds);
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

package io.lvsfeedback.bench.cli;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of the benchmarks' options. Picocli names the option when a value has the wrong
 * type; these name it when the value is out of range, and picocli prints the message with the usage
 * and exits with status 2.
 */
public final class Bounds {
    private Bounds() {
    }

    /** {@code value} within {@code min..max}, or a {@link ParameterException} naming {@code option}. */
    public static void within(CommandSpec spec, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be within " + text(min) + ".." + text(max) + ", got " + text(value));
        }
    }

    /** {@code value > 0} (and at most {@code max}), or a {@link ParameterException} naming {@code option}. */
    public static void positive(CommandSpec spec, String option, double value, double max) {
        if (!(value > 0 && value <= max)) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be within (0, " + text(max) + "], got " + text(value));
        }
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}

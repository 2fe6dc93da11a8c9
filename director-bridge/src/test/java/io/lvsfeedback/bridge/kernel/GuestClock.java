package io.lvsfeedback.bridge.kernel;

import io.lvsfeedback.testfixtures.Commands;
import java.util.Locale;

/**
 * Steps the lab guest's wall clock ({@code date -s}) and puts it back: the true time is the wall
 * time when this was made plus the monotonic time since, which no step changes. Only for the
 * throwaway lab VM.
 */
final class GuestClock {
    private final long wallAtStart = System.currentTimeMillis();
    private final long monoAtStart = System.nanoTime();
    private boolean stepped;

    /** Sets the wall clock to the true time plus {@code offsetMillis} (negative: back). */
    void stepTo(long offsetMillis) {
        stepped = true;
        set(trueMillis() + offsetMillis);
    }

    /** The wall clock minus the true time, in milliseconds. */
    long offsetMillis() {
        return System.currentTimeMillis() - trueMillis();
    }

    /** Back to the true time; a no-op when never stepped. */
    void restore() {
        if (stepped) {
            set(trueMillis());
            stepped = false;
        }
    }

    private long trueMillis() {
        return wallAtStart + (System.nanoTime() - monoAtStart) / 1_000_000;
    }

    private static void set(long epochMillis) {
        Commands.run("date", "-u", "-s", String.format(Locale.ROOT, "@%d.%03d", epochMillis / 1000, epochMillis % 1000));
    }
}

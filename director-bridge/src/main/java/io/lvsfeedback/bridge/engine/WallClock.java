package io.lvsfeedback.bridge.engine;

/**
 * The wall clock: it names the cycles' instants and the moment aligned writes go out, the same on
 * every director whose clock is kept by NTP. Swapped for a manual clock in tests.
 */
public interface WallClock {
    WallClock SYSTEM = new WallClock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleepUntil(long wallMillis) throws InterruptedException {
            long wait = wallMillis - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
    };

    long millis();

    /** Returns at {@code wallMillis} or later; at once when that has passed. */
    void sleepUntil(long wallMillis) throws InterruptedException;
}

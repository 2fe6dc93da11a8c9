package io.lvsfeedback.bridge.engine;

/**
 * A clock tests move by hand; it is the wall clock too, so a cycle's instant follows the test's time
 * and not the real one (two engines cycled one after the other must stand for the same instant).
 */
final class ManualClock implements ClockSource, WallClock {
    private long now = 1_000_000;

    @Override
    public long millis() {
        return now;
    }

    @Override
    public void sleepUntil(long wallMillis) {
        now = Math.max(now, wallMillis);
    }

    void advance(long millis) {
        now += millis;
    }
}

package io.lvsfeedback.bridge.engine;

/** A clock tests move by hand. */
final class ManualClock implements ClockSource {
    private long now = 1_000_000;

    @Override
    public long millis() {
        return now;
    }

    void advance(long millis) {
        now += millis;
    }
}

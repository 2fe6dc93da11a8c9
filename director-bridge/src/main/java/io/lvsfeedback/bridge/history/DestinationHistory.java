package io.lvsfeedback.bridge.history;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The last {@link #POINTS} time slots of one destination, in a ring of primitive arrays: about
 * 2.3 KB per destination whatever the poll interval, so 10,000 destinations keep about 23 MB.
 * Several cycles in one slot leave the last one's values and every mark of the slot. Written by
 * the engine thread, read by HTTP threads: every method is synchronized (a few hundred bytes).
 */
public final class DestinationHistory {
    /** Points kept: {@link #WINDOW_MILLIS} in slots of {@link #SLOT_MILLIS}. */
    public static final int POINTS = 120;
    /** The span of the history: ten minutes. */
    public static final long WINDOW_MILLIS = 10 * 60_000L;
    public static final long SLOT_MILLIS = WINDOW_MILLIS / POINTS;

    private static final PointState[] STATES = PointState.values();
    private static final Mark[] MARKS = Mark.values();

    private final long[] at = new long[POINTS];
    private final int[] weight = new int[POINTS];
    private final float[] capacity = new float[POINTS];
    private final byte[] state = new byte[POINTS];
    private final byte[] marks = new byte[POINTS];
    private int newest = -1;
    private int size;
    /** Marks waiting for the next sample (a cause changes during a cycle, the sample ends it). */
    private int pendingMarks;

    /** Marks the next point: something happened in this cycle. */
    public synchronized void mark(Mark m) {
        pendingMarks |= 1 << m.ordinal();
    }

    /** Records the end of a cycle; a cycle in the newest point's slot replaces its values. */
    public synchronized void record(long now, int kernelWeight, double cap, PointState s) {
        boolean sameSlot = size > 0 && Math.floorDiv(now, SLOT_MILLIS) == Math.floorDiv(at[newest], SLOT_MILLIS);
        if (!sameSlot) {
            newest = (newest + 1) % POINTS;
            size = Math.min(size + 1, POINTS);
            marks[newest] = 0;
        }
        at[newest] = now;
        weight[newest] = kernelWeight;
        capacity[newest] = (float) cap;
        state[newest] = (byte) s.ordinal();
        marks[newest] |= (byte) pendingMarks;
        pendingMarks = 0;
    }

    /** The points within {@link #WINDOW_MILLIS} of {@code now}, oldest first. */
    public synchronized List<HistoryPoint> points(long now) {
        List<HistoryPoint> out = new ArrayList<>(size);
        for (int i = size - 1; i >= 0; i--) {
            int slot = Math.floorMod(newest - i, POINTS);
            if (now - at[slot] <= WINDOW_MILLIS) {
                out.add(new HistoryPoint(at[slot], weight[slot], capacity[slot], STATES[state[slot]], marks(marks[slot])));
            }
        }
        return out;
    }

    private static Set<Mark> marks(byte bits) {
        Set<Mark> set = EnumSet.noneOf(Mark.class);
        for (Mark m : MARKS) {
            if ((bits & (1 << m.ordinal())) != 0) {
                set.add(m);
            }
        }
        return set;
    }
}

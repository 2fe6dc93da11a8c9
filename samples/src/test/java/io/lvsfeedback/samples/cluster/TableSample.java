package io.lvsfeedback.samples.cluster;

import java.util.Map;
import java.util.TreeMap;

/**
 * Both directors' weights for one service, read at one moment: real-server address to weight.
 *
 * @param wallMillis when it was read (wall clock, ms)
 * @param phase      a label of the scenario step it was read in
 */
record TableSample(long wallMillis, String phase, Map<String, Integer> a, Map<String, Integer> b) {

    /** Weight levels of the bridge configuration (samples/config/two-directors/bridge.properties). */
    static final int WEIGHT_LEVELS = 20;

    TableSample {
        a = new TreeMap<>(a);
        b = new TreeMap<>(b);
    }

    boolean identical() {
        return a.equals(b);
    }

    /** Largest difference between the two directors' weights of one destination (a missing one counts whole). */
    int largestDifference() {
        int d = 0;
        for (String rs : union()) {
            d = Math.max(d, Math.abs(a.getOrDefault(rs, 0) - b.getOrDefault(rs, 0)));
        }
        return d;
    }

    /**
     * One weight step: the bridges round load-driven weights to multiples of 1/weight-levels of the
     * service's largest weight, so directors one report apart differ by whole steps.
     */
    int step() {
        int top = 0;
        for (int w : a.values()) {
            top = Math.max(top, w);
        }
        for (int w : b.values()) {
            top = Math.max(top, w);
        }
        return Math.max(1, Math.round((float) top / WEIGHT_LEVELS));
    }

    private java.util.Set<String> union() {
        java.util.Set<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    String csv() {
        return wallMillis + "," + phase + "," + a.toString().replace(',', ';') + "," + b.toString().replace(',', ';');
    }
}

package io.lvsfeedback.agent.report;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * A request pool on a fake clock, for what the agent would measure per interval: Poisson arrivals
 * (or a queue that never runs dry), {@code threads} request threads, a FIFO queue, service times
 * from a sampler that can change at any moment. Each interval gives the completions and the
 * utilization-seconds (busy thread-seconds / threads), as the pool or concurrency source measures them.
 */
final class PoolSimulation {
    /** One interval's measurements. */
    static final class Interval {
        private final int completions;
        private final double utilizationSeconds;
        private final double completedSeconds;
        private final double inServiceAtEnd;

        Interval(int completions, double utilizationSeconds, double completedSeconds, double inServiceAtEnd) {
            this.completions = completions;
            this.utilizationSeconds = utilizationSeconds;
            this.completedSeconds = completedSeconds;
            this.inServiceAtEnd = inServiceAtEnd;
        }

        /** As a timer books it: the service time of the requests completed in the interval, / threads. */
        double completedSeconds() {
            return completedSeconds;
        }

        /** Requests in service at the interval's end / threads. */
        double inServiceAtEnd() {
            return inServiceAtEnd;
        }

        int completions() {
            return completions;
        }

        double utilizationSeconds() {
            return utilizationSeconds;
        }
    }

    private final Random random;
    private final int threads;
    private final double arrivalsPerSecond; // infinite: saturated, a thread never waits for work
    private final double[] busyUntil; // NaN: idle
    private final double[] startedAt;
    private final ArrayDeque<Double> queue = new ArrayDeque<>(); // service times of waiting requests
    private ToDoubleFunction<Random> service;
    private double now;
    private double nextArrival;

    PoolSimulation(long seed, int threads, double arrivalsPerSecond, ToDoubleFunction<Random> service) {
        this.random = new Random(seed);
        this.threads = threads;
        this.arrivalsPerSecond = arrivalsPerSecond;
        this.service = service;
        this.busyUntil = new double[threads];
        this.startedAt = new double[threads];
        Arrays.fill(busyUntil, Double.NaN);
        this.nextArrival = Double.isInfinite(arrivalsPerSecond) ? Double.POSITIVE_INFINITY : exponential(1 / arrivalsPerSecond);
        if (Double.isInfinite(arrivalsPerSecond)) {
            for (int i = 0; i < threads; i++) {
                busyUntil[i] = service.applyAsDouble(random);
            }
        }
    }

    /** Service times of requests that start from now on. */
    void service(ToDoubleFunction<Random> newService) {
        this.service = newService;
    }

    double exponential(double mean) {
        return exponential(random, mean);
    }

    static double exponential(Random random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** Runs {@code seconds} of time; returns what the interval measured. */
    Interval run(double seconds) {
        double end = now + seconds;
        int completions = 0;
        double busy = 0;
        double completed = 0;
        while (true) {
            int next = -1;
            for (int i = 0; i < threads; i++) {
                if (!Double.isNaN(busyUntil[i]) && (next < 0 || busyUntil[i] < busyUntil[next])) {
                    next = i;
                }
            }
            double completion = next < 0 ? Double.POSITIVE_INFINITY : busyUntil[next];
            double event = Math.min(end, Math.min(completion, nextArrival));
            busy += busyThreads() * (event - now);
            now = event;
            if (event == end && completion > end && nextArrival > end) {
                break;
            }
            if (completion <= nextArrival) {
                completions++;
                completed += now - startedAt[next];
                startedAt[next] = now;
                if (Double.isInfinite(arrivalsPerSecond)) {
                    busyUntil[next] = now + service.applyAsDouble(random);
                } else {
                    Double waiting = queue.poll();
                    busyUntil[next] = waiting == null ? Double.NaN : now + waiting;
                }
            } else {
                arrive();
            }
        }
        return new Interval(completions, busy / threads, completed / threads, (double) busyThreads() / threads);
    }

    private void arrive() {
        double s = service.applyAsDouble(random);
        nextArrival = now + exponential(1 / arrivalsPerSecond);
        for (int i = 0; i < threads; i++) {
            if (Double.isNaN(busyUntil[i])) {
                busyUntil[i] = now + s;
                startedAt[i] = now;
                return;
            }
        }
        queue.add(s);
    }

    private int busyThreads() {
        int n = 0;
        for (double b : busyUntil) {
            if (!Double.isNaN(b)) {
                n++;
            }
        }
        return n;
    }
}

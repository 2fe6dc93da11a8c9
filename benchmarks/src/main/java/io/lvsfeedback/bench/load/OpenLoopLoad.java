package io.lvsfeedback.bench.load;

import io.lvsfeedback.bench.cli.Bounds;
import io.lvsfeedback.samples.http.HttpConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * An open-loop HTTP load ({@link OpenLoad}, a new connection per request): requests are sent at a
 * fixed rate whatever the server does, and each latency counts from the request's scheduled time (so
 * a slow server cannot hide its queue by slowing the client down). Prints one summary line
 * (requests, errors, error rate, p50, p99, max, per-server shares) for the measured part, after the
 * warm-up; with {@code tail-after=S}, a second line for the requests scheduled after its first S seconds.
 */
@Command(name = "OpenLoopLoad", showDefaultValues = true,
        description = "Open-loop HTTP load; options are key=value words, e.g. host=10.0.0.100 rate=50.")
public final class OpenLoopLoad implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print the options and their defaults")
    boolean help;

    @Mixin
    LoadOptions load = new LoadOptions("/", 50, 10, 60, 5000, 400);

    @Option(names = "tail-after", description = "seconds into the measured part where the second line starts (0: none)")
    int tailAfter = 0;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OpenLoopLoad()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        OpenLoad.Plan plan = load.plan(1, 0);
        Bounds.within(spec, "tail-after", tailAfter, 0, Math.ceil(plan.durationSeconds()) - 1);
        Result[] r = run(plan, tailAfter);
        System.out.println(r[0].summary());
        if (tailAfter > 0) {
            // The same phase without its first seconds: what a change of weights left once it settled.
            System.out.println("after " + tailAfter + " s: " + r[1].summary());
        }
        return 0;
    }

    /** The whole measured part, and its part from {@code tailAfterSeconds} on (the same when 0). */
    static Result[] run(OpenLoad.Plan plan, int tailAfterSeconds) throws InterruptedException {
        Result result = new Result(plan.timeoutMillis());
        Result tail = tailAfterSeconds > 0 ? new Result(plan.timeoutMillis()) : result;
        OpenLoad.run(plan, new LoadOutcomes() {
            private volatile long tailFromEpochMs = Long.MAX_VALUE;

            @Override
            public void measuring(long fromEpochMs) {
                tailFromEpochMs = fromEpochMs + tailAfterSeconds * 1000L;
            }

            @Override
            public void answered(long schedEpochMs, long latencyNanos, HttpConnection.Answer answer) {
                result.answered(answer, latencyNanos);
                if (tail != result && schedEpochMs >= tailFromEpochMs) {
                    tail.answered(answer, latencyNanos);
                }
            }

            @Override
            public void failed(long schedEpochMs, String why, String server) {
                result.failed(why);
                if (tail != result && schedEpochMs >= tailFromEpochMs) {
                    tail.failed(why);
                }
            }

            @Override
            public void lag(long nanos) {
                // not part of this summary
            }
        });
        return new Result[] {result, tail};
    }

    /** Latencies and counts of the measured requests. */
    static final class Result {
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, LongAdder> servers = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final long failedAsMicros;

        /** {@code failedAsMillis}: the latency a failed request counts as in {@code p99_all} (the client's time-out). */
        Result(long failedAsMillis) {
            this.failedAsMicros = failedAsMillis * 1000;
        }

        void answered(HttpConnection.Answer answer, long latencyNanos) {
            requests.incrementAndGet();
            if (answer.status() != 200) {
                errors.computeIfAbsent("http " + answer.status(), k -> new LongAdder()).increment();
                failures.incrementAndGet();
                return;
            }
            latencies.add(latencyNanos);
            servers.computeIfAbsent(answer.server(), k -> new LongAdder()).increment();
        }

        void failed(String why) {
            requests.incrementAndGet();
            failures.incrementAndGet();
            errors.computeIfAbsent(why, k -> new LongAdder()).increment();
        }

        String summary() {
            long[] ms;
            synchronized (latencies) {
                ms = latencies.stream().mapToLong(n -> n / 1000).sorted().toArray();
            }
            long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
            StringBuilder shares = new StringBuilder();
            new TreeMap<>(servers).forEach((k, v) -> shares.append(' ').append(k).append('=').append(v.sum()));
            StringBuilder why = new StringBuilder();
            new TreeMap<>(errors).forEach((k, v) -> why.append(' ').append(k.replace(' ', '_')).append('=').append(v.sum()));
            // What every client saw: a failed request counts as the whole time-out it waited.
            long[] all = java.util.Arrays.copyOf(ms, ms.length + (int) failures.get());
            java.util.Arrays.fill(all, ms.length, all.length, failedAsMicros);
            java.util.Arrays.sort(all);
            return String.format("open-loop: requests %d ok %d errors %d error_rate %.4f p50_ms %.1f p99_ms %.1f max_ms %.1f"
                            + " p50_all_ms %.1f p99_all_ms %.1f servers:%s errors:%s",
                    requests.get(), ms.length, errorCount, requests.get() == 0 ? 0.0 : (double) errorCount / requests.get(),
                    pct(ms, 50) / 1000.0, pct(ms, 99) / 1000.0, ms.length == 0 ? 0 : ms[ms.length - 1] / 1000.0,
                    pct(all, 50) / 1000.0, pct(all, 99) / 1000.0, shares, why.length() == 0 ? " none" : why);
        }

        private static long pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1))];
        }
    }
}

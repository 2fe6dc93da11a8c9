package io.lvsfeedback.samples.app;

import java.util.Map;
import java.util.Set;

/**
 * Turns the admin endpoint's parameters ({@code cpu-ms}, {@code latency-ms}, {@code error-rate},
 * {@code alloc-mb})
 * into a new {@link WorkCost}. Parameters not given keep their current value; an unknown name or a
 * bad value fails with a message naming it, and nothing changes.
 */
public final class WorkCostParameters {

    static final Set<String> NAMES = Set.of("cpu-ms", "latency-ms", "error-rate", "alloc-mb");

    private WorkCostParameters() {
    }

    public static WorkCost apply(WorkCost current, Map<String, String> parameters) {
        WorkCost result = current;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            switch (name) {
                case "cpu-ms" -> result = result.withCpuMillis(parseLong(name, value));
                case "latency-ms" -> result = result.withLatencyMillis(parseLong(name, value));
                case "error-rate" -> result = result.withErrorRate(parseDouble(name, value));
                case "alloc-mb" -> result = result.withAllocMegabytes(parseInt(name, value));
                default -> throw new IllegalArgumentException(
                        "unknown parameter '" + name + "' (known: cpu-ms, latency-ms, error-rate, alloc-mb)");
            }
        }
        return result;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of ms, got '" + value + "'", e);
        }
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of MiB, got '" + value + "'", e);
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number within 0..1, got '" + value + "'", e);
        }
    }
}

package io.lvsfeedback.bridge.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the problems of one configuration, so that validation goes on after the first one and a
 * check reports them all. A problem seen twice (a bad global value read again for each service
 * section) is kept once.
 */
final class Problems {
    private final Set<ConfigProblem> found = new LinkedHashSet<>();
    /** Problems whose message already says their line (a line of the file that is not a setting). */
    private final Map<ConfigProblem, Integer> placedAtLine = new HashMap<>();
    private int failures;

    /** A typed read that may fail with a {@link ConfigException}. */
    @FunctionalInterface
    interface Read<T> {
        T get() throws ConfigException;
    }

    /** The value read, or null after recording why it could not be read. */
    <T> T read(Read<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            add(e);
            return null;
        }
    }

    void add(ConfigException e) {
        failures++;
        found.addAll(e.problems());
    }

    /** A problem of line {@code line} of the file, whose message already says so. */
    void addAtLine(ConfigException e, int line) {
        add(e);
        e.problems().forEach(p -> placedAtLine.putIfAbsent(p, line));
    }

    /** How many reads failed so far, a repeated problem included: a section compares it before and after. */
    int failures() {
        return failures;
    }

    /**
     * Throws what was found. A problem of a key that {@code where} knows is prefixed with where the
     * key was set (file and line, or {@code --set}) and sorted by that line; the others keep their
     * order, after them.
     */
    void throwIfAny(Map<String, Origin> where) throws ConfigException {
        if (found.isEmpty()) {
            return;
        }
        List<Placed> placed = new ArrayList<>();
        for (ConfigProblem p : found) {
            Origin o = p.key() == null ? null : where.get(p.key());
            if (placedAtLine.containsKey(p)) {
                placed.add(new Placed(p, placedAtLine.get(p)));
            } else {
                placed.add(o == null ? new Placed(p, Integer.MAX_VALUE) : new Placed(p.at(o.text()), o.line()));
            }
        }
        placed.sort(Comparator.comparingInt(Placed::line)); // stable: equal lines keep their order
        List<ConfigProblem> out = new ArrayList<>();
        placed.forEach(p -> out.add(p.problem()));
        throw new ConfigException(out);
    }

    private record Placed(ConfigProblem problem, int line) {}

    /** Where a key was set: {@code text} such as {@code bridge.properties line 7}, or {@code --set}. */
    record Origin(String text, int line) {
        static Origin commandLine() {
            return new Origin("--set", Integer.MAX_VALUE);
        }
    }
}

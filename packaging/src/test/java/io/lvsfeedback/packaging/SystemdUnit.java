package io.lvsfeedback.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The [Service] lines of a unit file, and its command lines as systemd would run them: prefixes
 * such as {@code -+} dropped, {@code $VAR} split into words and {@code ${VAR}} kept as one word,
 * from the unit's {@code Environment=}. Enough for the units of this project (no quoting in commands).
 */
final class SystemdUnit {
    private final Map<String, List<String>> service = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    SystemdUnit(Path file) throws IOException {
        String section = "";
        for (String line : Files.readString(file).replace("\\\n", " ").split("\n")) {
            String l = line.strip();
            if (l.startsWith("[")) {
                section = l;
            } else if (section.equals("[Service]") && !l.isEmpty() && !l.startsWith("#") && l.indexOf('=') > 0) {
                String key = l.substring(0, l.indexOf('='));
                String value = l.substring(l.indexOf('=') + 1);
                service.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                if (key.equals("Environment")) {
                    for (String assignment : words(value)) {
                        environment.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
                    }
                }
            }
        }
    }

    /** Every value of a [Service] key, in file order. */
    List<String> values(String key) {
        return service.getOrDefault(key, List.of());
    }

    Map<String, String> environment() {
        return environment;
    }

    /** A command line of the unit (e.g. the first ExecStart) as the words systemd passes to exec. */
    List<String> command(String commandLine) {
        String c = commandLine.strip().replaceFirst("^[-+@!:]+", "");
        List<String> out = new ArrayList<>();
        for (String word : c.split("\\s+")) {
            if (word.matches("\\$[A-Za-z_][A-Za-z0-9_]*")) {
                String v = environment.getOrDefault(word.substring(1), "");
                if (!v.isBlank()) {
                    out.addAll(List.of(v.strip().split("\\s+")));
                }
            } else if (word.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}")) {
                out.add(environment.getOrDefault(word.substring(2, word.length() - 1), ""));
            } else {
                out.add(word);
            }
        }
        return out;
    }

    /** Space-separated words, where double quotes keep spaces inside one word (Environment= syntax). */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        for (char ch : text.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ' ' && !quoted) {
                if (w.length() > 0) {
                    out.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(ch);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }
}

package io.lvsfeedback.samples.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers, ranges,
 * grouping clauses, functions, keywords and numbers are taken out. Enough for the expressions of
 * a dashboard and alert rules; not a PromQL parser.
 */
final class PromqlNames {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromqlNames() {}

    static Set<String> of(String expr) {
        String e = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")                 // strings
                .replaceAll("label_values\\(([^,]+),[^)]*\\)", "$1")                       // Grafana's label_values(metric, label)
                .replaceAll("\\{[^}]*}", "")                                                // label matchers
                .replaceAll("\\[[^]]*]", "")                                                // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");                                               // dashboard variables
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(e);
        while (m.find()) {
            String id = m.group();
            boolean function = e.substring(m.end()).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && (Character.isDigit(e.charAt(m.start() - 1)) || e.charAt(m.start() - 1) == '.');
            if (!function && !number && !KEYWORDS.contains(id)) {
                names.add(id);
            }
        }
        return names;
    }
}

package io.lvsfeedback.agent.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the agent argument string {@code key=value,key=value}. A backslash escapes the next
 * character, so {@code \,} {@code \=} and {@code \\} put those characters into a key or value.
 */
public final class AgentArguments {
    private AgentArguments() {}

    /** Keys and values in argument order; empty for a null or blank string. */
    public static Map<String, String> parse(String args) throws ConfigException {
        return parse(args, ProblemSink.THROW);
    }

    /** As {@link #parse(String)}, each bad entry reported to {@code problems} and left out. */
    static Map<String, String> parse(String args, ProblemSink problems) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return out;
        }
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        StringBuilder current = key;
        boolean sawEquals = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\\') {
                if (i + 1 == args.length()) {
                    problems.report(new ConfigException(key.toString().trim(), value.toString(),
                            "dangling '\\' at the end of the agent arguments"));
                    return out;
                }
                current.append(args.charAt(++i));
            } else if (c == '=' && !sawEquals) {
                sawEquals = true;
                current = value;
            } else if (c == ',') {
                put(out, key, value, sawEquals, problems);
                key.setLength(0);
                value.setLength(0);
                current = key;
                sawEquals = false;
            } else {
                current.append(c);
            }
        }
        put(out, key, value, sawEquals, problems);
        return out;
    }

    private static void put(Map<String, String> out, StringBuilder rawKey, StringBuilder value, boolean sawEquals,
            ProblemSink problems) throws ConfigException {
        String key = rawKey.toString().trim();
        if (key.isEmpty() && !sawEquals && value.length() == 0) {
            return; // tolerate "a=1,,b=2" and a trailing comma
        }
        if (key.isEmpty()) {
            problems.report(new ConfigException("", value.toString(), "empty key in the agent arguments"));
        } else if (!sawEquals) {
            problems.report(new ConfigException(key, "", "expected key=value"));
        } else if (out.containsKey(key)) {
            problems.report(new ConfigException(key, value.toString(), "given twice in the agent arguments"));
        } else {
            out.put(key, value.toString().trim());
        }
    }
}

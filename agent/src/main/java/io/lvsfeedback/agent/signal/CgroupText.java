package io.lvsfeedback.agent.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsers of the text of the cgroup files {@link CgroupCpu} reads. Pure functions over strings, so
 * each is fuzzed on its own; they return null (or -1) for anything the kernel would not write,
 * never throw, and compile no regular expressions.
 */
final class CgroupText {
    private CgroupText() {
    }

    /** The process's paths from /proc/self/cgroup, as written there (unchecked: see {@link #segments}). */
    static final class ProcCgroup {
        /** The path of the {@code 0::/path} line; null when none. */
        final String v2;
        /** The path of the first v1 line whose controller list holds the token {@code cpu}; null when none. */
        final String v1Cpu;

        ProcCgroup(String v2, String v1Cpu) {
            this.v2 = v2;
            this.v1Cpu = v1Cpu;
        }
    }

    /** One cgroup mount from mountinfo, with the octal escapes of ROOT and MOUNTPOINT decoded. */
    static final class Mount {
        final String root;
        final String point;
        final String type;
        final String superOptions;

        Mount(String root, String point, String type, String superOptions) {
            this.root = root;
            this.point = point;
            this.type = type;
            this.superOptions = superOptions;
        }
    }

    /** The two kinds of mount {@link CgroupCpu} needs; the rest of mountinfo is dropped when parsed. */
    static final class Mounts {
        final List<Mount> v2 = new ArrayList<>(2);
        final List<Mount> v1Cpu = new ArrayList<>(2);
    }

    /** A CPU quota: {@code quota} microseconds of CPU time per {@code period}, both positive. */
    static final class Quota {
        /** A level that says there is no limit ("max", -1). */
        static final Quota NONE = new Quota(-1, -1);

        final long quota;
        final long period;

        Quota(long quota, long period) {
            this.quota = quota;
            this.period = period;
        }

        boolean limits() {
            return quota > 0;
        }

        double cpus() {
            return (double) quota / period;
        }
    }

    static ProcCgroup procCgroup(String text) {
        String v2 = null;
        String v1 = null;
        int start = 0;
        while (start < text.length()) {
            int end = lineEnd(text, start);
            int c1 = text.indexOf(':', start);
            int c2 = c1 < 0 || c1 >= end ? -1 : text.indexOf(':', c1 + 1);
            if (c2 >= 0 && c2 < end) {
                boolean unified = c1 == start + 1 && text.charAt(start) == '0' && c2 == c1 + 1;
                if (unified) {
                    if (v2 == null) {
                        v2 = text.substring(c2 + 1, end);
                    }
                } else if (v1 == null && hasToken(text, c1 + 1, c2, "cpu")) {
                    v1 = text.substring(c2 + 1, end);
                }
            }
            start = end + 1;
        }
        return new ProcCgroup(v2, v1);
    }

    /**
     * The segments of an absolute cgroup path, or null when it is not one that stays inside its
     * mount: not absolute, a NUL, or a {@code .} or {@code ..} segment (the kernel never writes
     * them; a path that has them would walk out of the cgroup tree).
     */
    static String[] segments(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/' || path.indexOf('\0') >= 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String s = path.substring(start, end);
            if (s.equals(".") || s.equals("..")) {
                return null;
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
            start = end + 1;
        }
        return out.toArray(new String[0]);
    }

    /** The segments of {@code path} below {@code root}, or null when it is not under it. */
    static String[] below(String[] path, String[] root) {
        if (root == null || root.length > path.length) {
            return null;
        }
        for (int i = 0; i < root.length; i++) {
            if (!root[i].equals(path[i])) {
                return null;
            }
        }
        String[] rest = new String[path.length - root.length];
        System.arraycopy(path, root.length, rest, 0, rest.length);
        return rest;
    }

    /**
     * The cgroup2 mounts and the cgroup mounts with the {@code cpu} controller; a malformed line, or
     * a mount point that is not a plain absolute path, is skipped.
     */
    static Mounts mounts(String text) {
        Mounts mounts = new Mounts();
        int start = 0;
        while (start < text.length()) {
            int end = lineEnd(text, start);
            Mount m = mount(text.substring(start, end));
            if (m != null && segments(m.point) != null) {
                if (m.type.equals("cgroup2")) {
                    mounts.v2.add(m);
                } else if (m.type.equals("cgroup") && hasToken(m.superOptions, 0, m.superOptions.length(), "cpu")) {
                    mounts.v1Cpu.add(m);
                }
            }
            start = end + 1;
        }
        return mounts;
    }

    /** {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [optional...] - FSTYPE SOURCE SUPEROPTIONS}; null when not that. */
    static Mount mount(String line) {
        String[] f = line.split(" "); // one plain character: String.split's fast path, no Pattern
        for (int i = 6; i + 3 < f.length; i++) {
            if (f[i].equals("-")) {
                return new Mount(unescape(f[3]), unescape(f[4]), f[i + 1], f[i + 3]);
            }
        }
        return null;
    }

    /** Decodes mountinfo's {@code \ooo} octal escapes (the kernel writes space, tab, newline and backslash so). */
    static String unescape(String s) {
        int i = s.indexOf('\\');
        if (i < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        b.append(s, 0, i);
        while (i < s.length()) {
            char c = s.charAt(i);
            int value = c == '\\' && i + 3 < s.length() ? octal(s.charAt(i + 1), s.charAt(i + 2), s.charAt(i + 3)) : -1;
            if (value >= 0) {
                b.append((char) value);
                i += 4;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** The byte three octal digits stand for; -1 when they are not that (a lone backslash stays as it is). */
    private static int octal(char a, char b, char c) {
        if (a < '0' || a > '3' || b < '0' || b > '7' || c < '0' || c > '7') {
            return -1;
        }
        return (a - '0') * 64 + (b - '0') * 8 + (c - '0');
    }

    /** cgroup v2 {@code cpu.max}: "max PERIOD" is no limit, "QUOTA PERIOD" a quota; null when neither. */
    static Quota cpuMax(String text) {
        String line = firstLine(text);
        int space = line.indexOf(' ');
        if (space < 0 || line.indexOf(' ', space + 1) >= 0) {
            return null;
        }
        long period = positive(line.substring(space + 1));
        if (period <= 0) {
            return null;
        }
        String quota = line.substring(0, space);
        if (quota.equals("max")) {
            return Quota.NONE;
        }
        long q = positive(quota);
        return q > 0 ? new Quota(q, period) : null;
    }

    /** cgroup v1 {@code cpu.cfs_quota_us}: -1 is no limit (NONE); a positive number; 0 when neither. */
    static long cfsQuota(String text) {
        String line = firstLine(text);
        return line.equals("-1") ? -1 : Math.max(0, positive(line));
    }

    /** The first line, trimmed, as a positive number; -1 when not one. */
    static long positiveLine(String text) {
        return positive(firstLine(text));
    }

    /**
     * The value of the {@code key N} line of a {@code cpu.stat}, non-negative; -1 when the line is
     * missing or N is not a number that fits a long.
     */
    static long stat(String text, String key) {
        int start = 0;
        while (start < text.length()) {
            int end = lineEnd(text, start);
            if (end - start > key.length() && text.startsWith(key, start) && text.charAt(start + key.length()) == ' ') {
                long v = digits(text.substring(start + key.length() + 1, end).trim());
                if (v >= 0) {
                    return v;
                }
            }
            start = end + 1;
        }
        return -1;
    }

    /** Digits only (no sign, no blanks), greater than 0, fitting a long; else -1. */
    static long positive(String s) {
        long v = digits(s);
        return v > 0 ? v : -1;
    }

    /** Digits only, fitting a long; else -1. Not Long.parseLong: that takes "+5" and non-ASCII digits. */
    static long digits(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return -1; // 19 digits above Long.MAX_VALUE wrap negative
            }
        }
        return v;
    }

    private static String firstLine(String text) {
        return text.substring(0, lineEnd(text, 0)).trim();
    }

    private static int lineEnd(String text, int start) {
        int end = text.indexOf('\n', start);
        return end < 0 ? text.length() : end;
    }

    /** Whether the comma-separated list {@code s[from, to)} holds exactly {@code token}. */
    static boolean hasToken(String s, int from, int to, String token) {
        int start = from;
        while (start <= to) {
            int end = s.indexOf(',', start);
            if (end < 0 || end > to) {
                end = to;
            }
            if (end - start == token.length() && s.startsWith(token, start)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}

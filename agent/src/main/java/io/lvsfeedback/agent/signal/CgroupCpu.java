package io.lvsfeedback.agent.signal;

import io.lvsfeedback.agent.signal.BoundedFile.Content;
import io.lvsfeedback.agent.signal.CgroupText.Mount;
import io.lvsfeedback.agent.signal.CgroupText.Mounts;
import io.lvsfeedback.agent.signal.CgroupText.ProcCgroup;
import io.lvsfeedback.agent.signal.CgroupText.Quota;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The CPU limit Linux cgroups put on this JVM's process: the tightest quota on the walk from the
 * process's cgroup up to its mount, and how long that cgroup has been throttled. A host at 5 % CPU
 * can still be a slow real server when its JVM sits in a 0.05-CPU cgroup.
 *
 * <p>Read here rather than taken from the JDK: its container support is internal
 * ({@code jdk.internal.platform}), rounds the quota up to whole CPUs in {@code availableProcessors},
 * says nothing about throttling, and on JDK 11 before 11.0.16 knows no cgroup v2.
 *
 * <p>/proc/self/cgroup is read on every call, because the process may be moved into another cgroup
 * after it started; mountinfo is parsed once and read again only when a directory it leads to is
 * gone. Every file goes through a {@link BoundedFile}, so a FIFO, a device or a huge file costs
 * nothing. Thread-safe.
 */
public final class CgroupCpu {
    private static final int SMALL_FILE = 4 * 1024;
    private static final int MOUNTINFO = 64 * 1024;
    private static final String NO_QUOTA = "no cgroup CPU quota";

    private final Path procSelfCgroup;
    private final Path mountInfo;
    private final Path fsRoot;
    private final BoundedFile small = new BoundedFile(SMALL_FILE);
    private Mounts mounts;
    private boolean mountsCut;
    /** The directories still missing right after mountinfo was read: reading it again would not help. */
    private Object missingAfterReload;
    private String selfBefore; // /proc/self/cgroup at the last read

    public CgroupCpu() {
        this(Paths.get("/proc/self/cgroup"), Paths.get("/proc/self/mountinfo"), Paths.get("/"));
    }

    /** For tests: {@code fsRoot} is put before every mount point read from {@code mountInfo}. */
    CgroupCpu(Path procSelfCgroup, Path mountInfo, Path fsRoot) {
        this.procSelfCgroup = procSelfCgroup;
        this.mountInfo = mountInfo;
        this.fsRoot = fsRoot;
    }

    /** Reads now; never throws, never blocks on a special file. */
    public synchronized Limit read() {
        try {
            return printable(readNow());
        } catch (Throwable t) {
            // an agent boundary (STYLE 2): whatever went wrong, the caller gets a Limit that says so
            return printable(unknown("cgroup CPU reader failed: " + t));
        }
    }

    /** read → place → walk v2 → walk v1 → throttling; each step says in {@code notes} what it could not read. */
    private Limit readNow() {
        Content self = small.read(procSelfCgroup);
        if (self.text == null) {
            return unknown("cannot read " + procSelfCgroup + ": " + (self.missing() ? "no such file" : self.failure));
        }
        if (!self.text.equals(selfBefore)) {
            // Moved to another cgroup: perhaps under a hierarchy mounted since the table was read (the
            // lab mounts cgroup2 and moves a running JVM into a limited group); read it again, once.
            selfBefore = self.text;
            mounts = null;
            missingAfterReload = null;
        }
        Notes notes = new Notes();
        if (self.cut) {
            notes.add(procSelfCgroup + ": longer than " + SMALL_FILE + " bytes, cut");
        }
        ProcCgroup paths = CgroupText.procCgroup(self.text);
        String[] v2Path = checked(paths.v2, "0::", notes);
        String[] v1Path = checked(paths.v1Cpu, "cpu", notes);
        if (v2Path == null && v1Path == null) {
            return unknown(NO_QUOTA + " (no usable cgroup v2 or v1 cpu line in " + procSelfCgroup + ")" + notes);
        }
        Placement at = place(v2Path, v1Path);
        if (at.failure != null) {
            return unknown(at.failure + notes);
        }
        at.noteMissing(notes);
        String noLimit;
        if (at.v2 != null && at.v2.exists) {
            Walk v2 = walk(at.v2, true, notes);
            if (v2.sawLimitFile) {
                return limit(v2, notes);
            }
            noLimit = "cgroup v2 " + at.v2.leaf + ": no cpu.max";
        } else if (at.v2 != null || at.v1 != null) {
            noLimit = "no cgroup directory of this process exists";
        } else {
            noLimit = "no " + (v2Path != null ? "cgroup2" : "") + (v2Path != null && v1Path != null ? " or " : "")
                    + (v1Path != null ? "cpu cgroup" : "") + " mount in " + mountInfo
                    + (mountsCut ? " (read its first " + MOUNTINFO + " bytes)" : "");
        }
        if (at.v1 != null && at.v1.exists) {
            return limit(walk(at.v1, false, notes), notes);
        }
        return unknown(NO_QUOTA + " (" + noLimit + ")" + notes);
    }

    /** The segments of a path from /proc/self/cgroup, or null, noting why, when it is unsafe to walk. */
    private String[] checked(String path, String line, Notes notes) {
        if (path == null) {
            return null;
        }
        String[] segments = CgroupText.segments(path);
        if (segments == null) {
            notes.add(procSelfCgroup + ": ignored the " + line + " line, path '" + shorten(path) + "' is not a plain absolute path");
        }
        return segments;
    }

    /**
     * Where the process's cgroup directories are, by the cached mount table; the table is read again
     * when a directory it leads to does not exist (the process moved under a mount made since), but
     * not again for the same directory.
     */
    private Placement place(String[] v2Path, String[] v1Path) {
        boolean fresh = false;
        if (mounts == null) {
            String failure = loadMounts();
            if (failure != null) {
                return Placement.failed(failure);
            }
            fresh = true;
        }
        Placement at = new Placement(locate(mounts.v2, v2Path), locate(mounts.v1Cpu, v1Path));
        Object missing = at.missing();
        if (missing != null && !fresh && !missing.equals(missingAfterReload)) {
            String failure = loadMounts();
            if (failure != null) {
                return Placement.failed(failure);
            }
            at = new Placement(locate(mounts.v2, v2Path), locate(mounts.v1Cpu, v1Path));
            missing = at.missing();
        }
        if (missing != null) {
            missingAfterReload = missing;
        }
        return at;
    }

    private String loadMounts() {
        Content c = new BoundedFile(MOUNTINFO).read(mountInfo); // 64 KiB, but only once
        if (c.text == null) {
            mounts = null;
            return "cannot read " + mountInfo + ": " + (c.missing() ? "no such file" : c.failure);
        }
        mounts = CgroupText.mounts(c.text);
        mountsCut = c.cut;
        return null;
    }

    /**
     * The directories of a cgroup path under the mount whose ROOT holds it (the longest such ROOT);
     * a path under no ROOT is the mount point itself (a container that sees only its own subtree).
     */
    private Location locate(List<Mount> candidates, String[] path) {
        if (path == null || candidates.isEmpty()) {
            return null;
        }
        Mount best = null;
        String[] below = null;
        int bestRoot = -1;
        for (Mount m : candidates) {
            String[] root = CgroupText.segments(m.root);
            String[] rest = CgroupText.below(path, root);
            if (rest != null && root.length > bestRoot) {
                best = m;
                below = rest;
                bestRoot = root.length;
            }
        }
        if (best == null) {
            best = candidates.get(0);
            below = new String[0];
        }
        Path mountDir = fsRoot;
        for (String s : CgroupText.segments(best.point)) {
            mountDir = mountDir.resolve(s);
        }
        Path leaf = mountDir;
        for (String s : below) {
            leaf = leaf.resolve(s);
        }
        return new Location(mountDir, below, leaf);
    }

    /** Reads the limit at every level from the mount down to the process's cgroup; the deeper wins a tie. */
    private Walk walk(Location at, boolean v2, Notes notes) {
        Walk w = new Walk(at, v2);
        Path level = at.mountDir;
        for (int i = 0; ; i++) {
            Quota q = v2 ? cpuMax(level, w, notes) : cfs(level, notes);
            if (q != null && q.limits() && (w.tightest == null || q.cpus() <= w.tightest.cpus())) {
                w.tightest = q;
                w.tightestDir = level;
            }
            if (i == at.below.length) {
                return w;
            }
            level = level.resolve(at.below[i]);
        }
    }

    private Quota cpuMax(Path level, Walk w, Notes notes) {
        Path file = level.resolve("cpu.max");
        Content c = small.read(file);
        if (c.missing()) {
            return null; // the root cgroup has none, nor a cgroup without the cpu controller
        }
        w.sawLimitFile = true;
        return parsed(file, c, c.text == null ? null : CgroupText.cpuMax(c.text), notes);
    }

    private Quota cfs(Path level, Notes notes) {
        Path quotaFile = level.resolve("cpu.cfs_quota_us");
        Content q = small.read(quotaFile);
        if (q.missing()) {
            return null;
        }
        long quota = q.text == null ? 0 : CgroupText.cfsQuota(q.text);
        if (quota <= 0) {
            return parsed(quotaFile, q, quota < 0 ? Quota.NONE : null, notes);
        }
        Path periodFile = level.resolve("cpu.cfs_period_us");
        Content p = small.read(periodFile);
        if (p.missing()) {
            notes.add(periodFile + ": missing beside a quota");
            return null;
        }
        long period = p.text == null ? -1 : CgroupText.positiveLine(p.text);
        return parsed(periodFile, p, period > 0 ? new Quota(quota, period) : null, notes);
    }

    /** The quota, noting why not when the file could not be read or said something the kernel would not. */
    private static Quota parsed(Path file, Content c, Quota q, Notes notes) {
        if (c.failure != null) {
            notes.add(file + ": " + c.failure);
        } else if (q == null) {
            notes.add(file + ": not a quota the kernel writes" + (c.cut ? " (longer than " + SMALL_FILE + " bytes, cut)" : ""));
        }
        return q;
    }

    private Limit limit(Walk w, Notes notes) {
        if (w.tightest == null) {
            return unknown(NO_QUOTA + " (cgroup v" + (w.v2 ? 2 : 1) + " " + w.at.leaf + ")" + notes);
        }
        Quota q = w.tightest;
        String where = w.v2
                ? "cgroup v2 " + w.tightestDir + ": cpu.max " + q.quota + " " + q.period
                : "cgroup v1 " + w.tightestDir + ": cpu.cfs_quota_us " + q.quota + ", cpu.cfs_period_us " + q.period;
        return new Limit(q.cpus(), throttledNanos(w, notes), where + notes);
    }

    /** From the cpu.stat of the tightest level; v2 counts microseconds, and a count that overflows as nanoseconds is unknown. */
    private long throttledNanos(Walk w, Notes notes) {
        Path file = w.tightestDir.resolve("cpu.stat");
        Content c = small.read(file);
        if (c.failure != null) {
            notes.add(file + ": " + c.failure);
        }
        if (c.text == null) {
            return -1;
        }
        if (!w.v2) {
            return CgroupText.stat(c.text, "throttled_time");
        }
        long usec = CgroupText.stat(c.text, "throttled_usec");
        return usec < 0 || usec > Long.MAX_VALUE / 1000 ? -1 : usec * 1000; // 292 years: not a real count
    }

    private static Limit unknown(String where) {
        return new Limit(Double.NaN, -1, where);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** Control characters (a mount point may hold an escaped newline) become '?': the text goes into one log line. */
    private static Limit printable(Limit limit) {
        String w = limit.where();
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < ' ' || c == 0x7f) {
                StringBuilder b = new StringBuilder(w);
                for (int j = i; j < b.length(); j++) {
                    if (b.charAt(j) < ' ' || b.charAt(j) == 0x7f) {
                        b.setCharAt(j, '?');
                    }
                }
                return new Limit(limit.cpus(), limit.throttledNanos(), b.toString());
            }
        }
        return limit;
    }

    /**
     * What {@link #read()} found. A class shaped like a record (the agent compiles for Java 11).
     *
     * <p>{@code cpus}: the tightest CPU quota over this process's cgroup and all its ancestors, in
     * CPUs (quota / period, e.g. 0.05 for "5000 100000"); NaN when no level has a quota ("max", -1)
     * or nothing could be read. {@code throttledNanos}: total time the cgroup whose quota is the
     * tightest has been throttled; -1 when unknown. {@code where}: short text for an operator or a
     * log: which file said so, or that there is no quota, or why nothing could be read.
     */
    public static final class Limit {
        private final double cpus;
        private final long throttledNanos;
        private final String where;

        public Limit(double cpus, long throttledNanos, String where) {
            this.cpus = cpus;
            this.throttledNanos = throttledNanos;
            this.where = where;
        }

        public double cpus() {
            return cpus;
        }

        public long throttledNanos() {
            return throttledNanos;
        }

        public String where() {
            return where;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Limit)) {
                return false;
            }
            Limit l = (Limit) o;
            return Double.compare(cpus, l.cpus) == 0 && throttledNanos == l.throttledNanos && Objects.equals(where, l.where);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cpus, throttledNanos, where);
        }

        @Override
        public String toString() {
            return "Limit[cpus=" + cpus + ", throttledNanos=" + throttledNanos + ", where=" + where + "]";
        }
    }

    /** A process's cgroup directory under one mount, and the segments from the mount down to it. */
    private static final class Location {
        final Path mountDir;
        final String[] below;
        final Path leaf;
        final boolean exists;

        Location(Path mountDir, String[] below, Path leaf) {
            this.mountDir = mountDir;
            this.below = below;
            this.leaf = leaf;
            this.exists = Files.isDirectory(leaf);
        }
    }

    /** The v2 and v1 locations (null when there is no line or no mount for them), or why mountinfo could not be read. */
    private static final class Placement {
        final Location v2;
        final Location v1;
        final String failure;

        Placement(Location v2, Location v1) {
            this(v2, v1, null);
        }

        private Placement(Location v2, Location v1, String failure) {
            this.v2 = v2;
            this.v1 = v1;
            this.failure = failure;
        }

        static Placement failed(String failure) {
            return new Placement(null, null, failure);
        }

        /** The v2 and v1 directories that should be there and are not, comparable; null when none. */
        Object missing() {
            Path v2Missing = v2 != null && !v2.exists ? v2.leaf : null;
            Path v1Missing = v1 != null && !v1.exists ? v1.leaf : null;
            return v2Missing == null && v1Missing == null ? null : Arrays.asList(v2Missing, v1Missing);
        }

        void noteMissing(Notes notes) {
            if (v2 != null && !v2.exists) {
                notes.add("cgroup v2 directory " + v2.leaf + " does not exist");
            }
            if (v1 != null && !v1.exists) {
                notes.add("cgroup v1 directory " + v1.leaf + " does not exist");
            }
        }
    }

    private static final class Walk {
        final Location at;
        final boolean v2;
        /** A cpu.max existed at some level, even "max" or unreadable: then v2 is the hierarchy that limits. */
        boolean sawLimitFile;
        Quota tightest;
        Path tightestDir;

        Walk(Location at, boolean v2) {
            this.at = at;
            this.v2 = v2;
        }
    }

    /** The first thing that could not be read, and how many more; appended to {@code where}. */
    private static final class Notes {
        private String first;
        private int more;

        void add(String note) {
            if (first == null) {
                first = note;
            } else {
                more++;
            }
        }

        @Override
        public String toString() {
            if (first == null) {
                return "";
            }
            return "; " + first + (more > 0 ? " (and " + more + " more)" : "");
        }
    }
}

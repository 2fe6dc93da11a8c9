package io.lvsfeedback.bridge.config;

import java.util.Arrays;
import java.util.Optional;

/** Every configuration key, its default and where it may appear. The README documents each one. */
public enum Setting {
    SERVICES("services", "*", Scope.GLOBAL, "services to manage: comma-separated service keys or globs (tcp:10.0.0.10:*, fwm:5)"),
    POLL_INTERVAL("poll-interval", "250ms", Scope.GLOBAL, "one IPVS read, one poll per agent and one write batch per interval"),
    AGENT_SAMPLE_INTERVAL("agent-sample-interval", "250ms", Scope.GLOBAL,
            "the agents' sample-interval: cycles start 40 % of it (or of poll-interval, if shorter) after a wall-clock multiple of poll-interval"),
    POLL_TIMEOUT("poll-timeout", "200ms", Scope.GLOBAL, "per agent, from connect to the full reply; below poll-interval"),
    WRITE_DELAY("write-delay", "0ms", Scope.GLOBAL,
            "0: weights are written as soon as decided; D: at the cycle's instant + D, the same moment on every director (several directors); at least poll-timeout, below poll-interval"),
    MAX_CONCURRENT_POLLS("max-concurrent-polls", "64", Scope.GLOBAL, "sockets open at once; further agents wait their turn"),
    DRY_RUN("dry-run", "false", Scope.GLOBAL, "compute and show everything, write nothing"),
    HTTP_ADDRESS("http-address", "127.0.0.1", Scope.GLOBAL, "address of the status page and /metrics"),
    HTTP_PORT("http-port", "9180", Scope.GLOBAL, "port of the status page and /metrics; 0 turns HTTP off"),
    JMX_NAME("jmx-name", "", Scope.GLOBAL,
            "name= of the bridge's MXBeans (bridge= of its service and destination beans), read at start; empty: the configuration file's name without its extension, or bridge"),
    STATE_FILE("state-file", "/var/lib/lvs-feedback/bridge.state", Scope.GLOBAL,
            "where bases and the bridge's own zeros survive a restart; unset and not writable: /run/lvs-feedback/, else memory; none: memory"),
    AGENT_PORT("agent-port", "3333", Scope.SERVICE, "agent port(s) on each real server, comma-separated; the report's ports pick the agent"),
    SECRET_FILE("secret-file", "", Scope.SERVICE, "file with the shared HMAC key(s), one per line (at least 16 bytes each); any of them is accepted"),
    ALLOW_UNAUTHENTICATED("allow-unauthenticated", "false", Scope.SERVICE, "accept unsigned reports and plain HAProxy agent-check lines"),
    BASE_WEIGHT("base-weight", "", Scope.SERVICE_OR_DESTINATION, "the operator's weight; empty: the kernel's weight when first seen"),
    MIN_WEIGHT("min-weight", "1", Scope.SERVICE, "lowest weight of a ready destination (>= 1)"),
    MAX_WEIGHT("max-weight", "65535", Scope.SERVICE, "highest weight ever written"),
    MAX_FACTOR("max-factor", "4", Scope.SERVICE, "at most this many times the base weight"),
    BLACKOUT("blackout", "10s", Scope.SERVICE, "a new agent's load is not used before it has been up this long (its report's uptime)"),
    STALE_AFTER("stale-after", "5s", Scope.SERVICE, "a report older than this is ignored: back to the base weight, or kept at 0 when it last said drain, maint or down"),
    MAX_STEP_PERCENT("max-step-percent", "50", Scope.SERVICE, "rise limit: a weight is at most this percent of the base above the previous sample's target (the base when unknown), so one odd sample moves it one step and two agreeing ones fully; drops are immediate"),
    DEAD_BAND_PERCENT("dead-band-percent", "0", Scope.SERVICE, "load changes below this percent of the current weight are not written (depends on each director's history: keep 0 with several directors)"),
    WEIGHT_LEVELS("weight-levels", "20", Scope.SERVICE, "0: exact load-driven weights; N: multiples of one step, the coarsest of at most N levels of the service's largest weight that keeps every share within 10 %, so wrr deals short cycles"),
    BACKLOG_DRAIN("backlog-drain", "1s", Scope.SERVICE, "wrr only: requests queued at a server (its agent's pool_queue) come off its capacity as if served within this time, so a server that fell behind gets less than it serves until its queue is gone; 0: off (least-connection schedulers count those connections themselves)"),
    FAST_FIRST("fast-first", "95", Scope.SERVICE, "wrr only: a server taking at least twice as long per request as the fastest (pool_max / capacity of its agent's report) gets only the traffic the others cannot take at this percent of their capacity, since each request it serves costs its client that long; 0: off (least-connection schedulers fill the servers that answer first themselves)"),
    AGENT("agent", "", Scope.DESTINATION, "explicit agent address:port for a destination");

    /** Where a key may appear: plain (global), {@code service.KEY.name}, {@code destination.RIP:PORT.name}. */
    public enum Scope { GLOBAL, SERVICE, SERVICE_OR_DESTINATION, DESTINATION }

    private final String key;
    private final String defaultValue;
    private final Scope scope;
    private final String description;

    Setting(String key, String defaultValue, Scope scope, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.scope = scope;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public Scope scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    public boolean allowedGlobally() {
        return scope != Scope.DESTINATION;
    }

    public boolean allowedPerService() {
        return scope == Scope.SERVICE || scope == Scope.SERVICE_OR_DESTINATION;
    }

    public boolean allowedPerDestination() {
        return scope == Scope.DESTINATION || scope == Scope.SERVICE_OR_DESTINATION;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}

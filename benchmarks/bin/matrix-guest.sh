#!/usr/bin/env bash
# Runs INSIDE the lab guest (see matrix.sh): the workload matrix of issue 12. The demo's LVS-DR
# cluster of namespaces (samples/demo/cluster), three Jetty sample servers with the agent, the
# director-bridge in the director namespace, one open-loop client JVM (MatrixDriver) in the client
# namespace. Per workload, ROUNDS rounds of every contender, interleaved (A B C ... A B C ...).
#
# Every setting is an environment variable; benchmarks/README.md lists them with their defaults.
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEMO=$ROOT/samples/demo
OUT=${OUT:-${LAB_RESULTS:?set LAB_RESULTS or OUT}}
export LVS_DEMO_PREFIX=${LVS_DEMO_PREFIX:-lvsm}
export LVS_DEMO_RUN=/tmp/lvs-matrix
P=$LVS_DEMO_PREFIX
RUN=$LVS_DEMO_RUN
VIP=10.0.0.100 PORT=8080

WORKLOADS=${WORKLOADS:-W1 W4 W2 W3 W5}
CONTENDERS=${CONTENDERS:-wrr-equal wlc-equal wrr-oracle wlc-oracle lvsfb-wrr lvsfb-wlc}
ROUNDS=${ROUNDS:-3}
PHASE=${PHASE:-20}             # measured seconds per phase (W1, W3, W4, W5)
LEAD=${LEAD:-8}               # unmeasured load before each phase's measured part (every contender)
GAP=${GAP:-3}                  # seconds without load between phases
WARM=${WARM:-20}               # unmeasured load (wlc, equal weights) before each workload's first round: JIT warm-up
TIMEOUT_MS=${TIMEOUT_MS:-60000} # client time-out; a failure counts as this long
BRIDGE_MODE=${BRIDGE_MODE:-pause} # pause: one bridge, paused over JMX in static phases; restart: a new bridge per phase
# samples/config/bridge.properties polls every second (the demo's pace under emulation): the matrix
# sets the bridge's own defaults back (they are what it measures), then BRIDGE_SET on top.
BRIDGE_BASE=${BRIDGE_BASE:-poll-interval=250ms poll-timeout=200ms agent-sample-interval=250ms}
BRIDGE_SET=${BRIDGE_SET:-}     # bridge overrides, "k=v k=v" (each becomes --set k=v)
AGENT_EXTRA=${AGENT_EXTRA:-}   # more agent settings, "k=v,k=v"
ORACLE_LEVELS=${ORACLE_LEVELS:-20} # oracle weights are multiples of 100/ORACLE_LEVELS (short wrr cycles)
RATE_PROBE=${RATE_PROBE:-}     # e.g. "10 20 40": first measure what request rate the guest carries
PROBE_S=${PROBE_S:-15}
# W1 and W4: capacities 1:2:4 by parallelism (request threads 2:4:8 at max-threads 4/6/10), same hold.
W1_MAX_THREADS=${W1_MAX_THREADS:-4 6 10}
W1_HOLD_MS=${W1_HOLD_MS:-1800}
W1_LOAD=${W1_LOAD:-0.75}
W4_LOAD=${W4_LOAD:-0.75}
W4_PER_CONN=${W4_PER_CONN:-10}   # requests per keep-alive connection
W4_INTERVAL_MS=${W4_INTERVAL_MS:-2000} # between the scheduled sends of one connection
# W2, W3, W5: three equal servers (max-threads EQ_MAX_THREADS), rs1 with a heap of RS1_HEAP.
EQ_MAX_THREADS=${EQ_MAX_THREADS:-4}
RS1_HEAP=${RS1_HEAP:-80m}
W2_HOLD_MS=${W2_HOLD_MS:-200}
W2_FACTOR=${W2_FACTOR:-5}       # rs1's hold x this during the step
W2_LOAD=${W2_LOAD:-0.6}         # of the normal capacity (one server at 1/5 leaves 0.73 of it)
STEP_S=${STEP_S:-30}            # the step's length
BACK_S=${BACK_S:-20}            # measured seconds after the step back
PAUSE_WINDOW=${PAUSE_WINDOW:-8} # lvs-feedback W2 phases: control window, then a 200 ms SIGSTOP of rs2, same length
W3_HOLD_MS=${W3_HOLD_MS:-200}
W3_ALLOC_MB=${W3_ALLOC_MB:-30}   # rs1 allocates this per request and holds it during the request
W3_LOAD=${W3_LOAD:-0.7}         # of the calibrated capacity
W5_HOLD_MS=${W5_HOLD_MS:-200}
W5_CPU_MS=${W5_CPU_MS:-40}
W5_LOAD=${W5_LOAD:-0.7}         # of the calibrated capacity
W5_STEAL=${W5_STEAL:-quota}     # quota: rs1's JVM in a cgroup with cpu.max; loops: busy loops beside it on its CPU
W5_CPU_QUOTA=${W5_CPU_QUOTA:-10} # quota: percent of one CPU rs1's JVM may use
STEAL_PROCS=${STEAL_PROCS:-2}   # loops: busy loops in rs1's namespace, on rs1's CPU
STEAL_NICE=${STEAL_NICE:--10}
HOLD_SCALE=${HOLD_SCALE:-1}     # every hold (and W4's interval) x this: 0.5 doubles every rate (a quiet host)
CAL_S=${CAL_S:-15}              # calibration (W3, W5): seconds of saturation
CONTROL_RATIO=${CONTROL_RATIO:-0.8} # the oracle's p99 must be below this x the better equal's
CONN_REUSE_MODE=${CONN_REUSE_MODE:-2} # net.ipv4.vs.conn_reuse_mode; 1 (the kernel's default) lets a reused source port bypass the scheduler in VS/DR
TIMELINE_S=${TIMELINE_S:-0.2}   # the kernel's weights and the agents' reports are read this often
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/lvs-benchmarks.jar}
BRIDGE_JAR=${BRIDGE_JAR:-$ROOT/director-bridge/target/director-bridge.jar}
AGENT_JAR=${AGENT_JAR:-$ROOT/agent/target/lvs-agent.jar}
SAMPLES=${SAMPLES:-$ROOT/samples/target}
JOPTS="-Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
scaled() { awk -v x="$1" -v s="$HOLD_SCALE" 'BEGIN { printf "%d", x * s + 0.5 }'; }
W1_HOLD_MS=$(scaled "$W1_HOLD_MS") W2_HOLD_MS=$(scaled "$W2_HOLD_MS") W3_HOLD_MS=$(scaled "$W3_HOLD_MS")
W5_HOLD_MS=$(scaled "$W5_HOLD_MS") W4_INTERVAL_MS=$(scaled "$W4_INTERVAL_MS")
NAMES=(rs1 rs2 rs3)
declare -A RIP=([rs1]=10.0.0.11 [rs2]=10.0.0.12 [rs3]=10.0.0.13)
mkdir -p "$OUT/raw" "$OUT/ports" "$OUT/logs" "$RUN/logs"

log() { echo "$(date +%T) $*" | tee -a "$OUT/matrix.log" >&2; }   # stderr: callers capture stdout
now_ms() { local t=${EPOCHREALTIME/./}; echo "${t:0:13}"; }
event() { echo "$(now_ms) $*" >>"$OUT/events.tsv"; }   # event WORKLOAD ROUND CONTENDER WHAT DETAIL
in_ns() { local n=$1; shift; ip netns exec "$P-$n" "$@"; }
pids=()
cleanup() {
    set +e
    [ -n "${steal_pids:-}" ] && kill $steal_pids 2>/dev/null
    [ -n "${DRV_IN:-}" ] && echo quit >&"$DRV_IN" 2>/dev/null
    [ -n "${SW_IN:-}" ] && echo quit >&"$SW_IN" 2>/dev/null
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    sleep 1
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
    "$DEMO/cluster" down >/dev/null 2>&1
    cp "$RUN"/logs/*.log "$OUT/logs/" 2>/dev/null
}
trap cleanup EXIT

"$ROOT/benchmarks/bin/machine-info.sh" | tee "$OUT/machine.txt"
{ for v in WORKLOADS CONTENDERS ROUNDS PHASE LEAD GAP WARM TIMEOUT_MS BRIDGE_MODE BRIDGE_BASE BRIDGE_SET AGENT_EXTRA ORACLE_LEVELS TIMELINE_S \
        W1_MAX_THREADS W1_HOLD_MS W1_LOAD W4_LOAD W4_PER_CONN W4_INTERVAL_MS EQ_MAX_THREADS RS1_HEAP W2_HOLD_MS \
        W2_FACTOR W2_LOAD STEP_S BACK_S PAUSE_WINDOW W3_HOLD_MS W3_ALLOC_MB W3_LOAD W5_HOLD_MS W5_CPU_MS W5_LOAD W5_STEAL W5_CPU_QUOTA \
        STEAL_PROCS STEAL_NICE HOLD_SCALE CAL_S CONTROL_RATIO CONN_REUSE_MODE BRIDGE_JAR AGENT_JAR SAMPLES; do echo "$v=${!v}"; done; } >"$OUT/settings.txt"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$RUN/key"
"$DEMO/cluster" up >/dev/null
"$DEMO/cluster" method dr >/dev/null
# A client reusing a source port whose IPVS entry still exists (FIN_WAIT: the last state a VS/DR
# director sees) reaches the old server unless bit 2 is set: PortReuse in the report counts them.
in_ns dir sh -c "echo $CONN_REUSE_MODE >/proc/sys/net/ipv4/vs/conn_reuse_mode"
echo "IPVS_FIN_TIMEOUT_S=$(in_ns dir ipvsadm -L --timeout | awk '{ print $(NF-1) }')" >>"$OUT/settings.txt"
: >"$OUT/events.tsv"
echo "# workload round contender scheduler lead_from_ms measure_from_ms measure_to_ms rate raw" >"$OUT/phases.tsv"
log "cluster up; settings in settings.txt"

# ------------------------------------------------------------------ the kernel and CPU timeline
# Every TIMELINE_S, forking nothing (bash builtins on /proc/net/ip_vs of the director's namespace and
# /proc/stat): "epoch_ms scheduler w1 w2 w3 active1 active2 active3 busy total busy0 total0 busy1 total1 inactive1 inactive2 inactive3"
# (CPU in jiffies; busy = user+nice+system+irq+softirq+steal). One sampler for the whole run, so it
# weighs the same on every phase.
hex_rip() { local IFS=.; set -- $1; printf '%02X%02X%02X%02X:%04X' "$1" "$2" "$3" "$4" "$PORT"; }
cat >"$RUN/timeline.sh" <<SCRIPT
#!/bin/bash
mkfifo "$RUN/timeline.fifo" 2>/dev/null; exec 7<>"$RUN/timeline.fifo"
echo "# epoch_ms scheduler w1 w2 w3 active1 active2 active3 busy total busy0 total0 busy1 total1 inactive1 inactive2 inactive3"
while :; do
    mapfile -t lines </proc/net/ip_vs
    s=- w1=- w2=- w3=- a1=- a2=- a3=- i1=- i2=- i3=-
    for l in "\${lines[@]}"; do
        set -- \$l
        case "\$2" in
            $(hex_rip "${RIP[rs1]}")) w1=\$4 a1=\$5 i1=\$6 ;;
            $(hex_rip "${RIP[rs2]}")) w2=\$4 a2=\$5 i2=\$6 ;;
            $(hex_rip "${RIP[rs3]}")) w3=\$4 a3=\$5 i3=\$6 ;;
            $(hex_rip "$VIP")) s=\$3 ;;
        esac
    done
    mapfile -t st </proc/stat
    c=""
    for l in "\${st[@]:0:3}"; do
        set -- \$l
        case "\$1" in cpu|cpu0|cpu1) b=\$((\$2 + \$3 + \$4 + \$7 + \$8 + \${9:-0})); c="\$c \$b \$((b + \$5 + \$6))" ;; esac
    done
    t=\${EPOCHREALTIME/./}
    echo "\${t:0:13} \$s \$w1 \$w2 \$w3 \$a1 \$a2 \$a3\$c \$i1 \$i2 \$i3"
    read -t $TIMELINE_S -u 7 || true
done
SCRIPT
ip netns exec "$P-dir" bash "$RUN/timeline.sh" >"$OUT/timeline.tsv" &
pids+=($!)

# What each agent reports, as often, from the director's namespace (bash's /dev/tcp, no fork, the
# signature not checked): why a weight moved when it did, or did not. "epoch_ms server sample_epoch_ms
# capacity capacity_noise samples_stalled rps util capacity_cpu cpu_limit" ("-" for a report not had: a
# paused or busy agent; or a signal it did not send).
cat >"$RUN/agents.sh" <<SCRIPT
#!/bin/bash
mkfifo "$RUN/agents.fifo" 2>/dev/null; exec 7<>"$RUN/agents.fifo"
echo "# epoch_ms server sample_epoch_ms capacity capacity_noise samples_stalled rps util capacity_cpu cpu_limit"
field() { [[ " \$line " =~ " \$1="([^ ]*)" " ]] && v=\${BASH_REMATCH[1]} || v=-; }
while :; do
    for n in rs1:${RIP[rs1]} rs2:${RIP[rs2]} rs3:${RIP[rs3]}; do
        line=
        if exec 8<>/dev/tcp/\${n#*:}/3333; then
            printf 'LVSFB/1 REPORT 00000000000000000000000000000000\\n' >&8
            read -r -t 0.5 -u 8 line
            [[ \$line == LVSFB/1* ]] || read -r -t 0.5 -u 8 line
            exec 8<&- 8>&-
        fi 2>/dev/null
        out="\${n%%:*}"
        for k in epoch_ms capacity capacity_noise samples_stalled rps util capacity_cpu cpu_limit; do field \$k; out="\$out \$v"; done
        t=\${EPOCHREALTIME/./}
        echo "\${t:0:13} \$out"
    done
    read -t $TIMELINE_S -u 7 || true
done
SCRIPT
ip netns exec "$P-dir" bash "$RUN/agents.sh" >"$OUT/agents.tsv" &
pids+=($!)

# ------------------------------------------------------------------ real servers
declare -A APP
SETUP=
start_servers() {  # start_servers SETUP MAXTHREADS1 MAXTHREADS2 MAXTHREADS3
    [ "$SETUP" = "$1" ] && return 0
    stop_servers
    SETUP=$1
    local i=0 n heap
    local threads=("$2" "$3" "$4")
    for n in "${NAMES[@]}"; do
        heap=128m; [ "$n" = rs1 ] && [ "$SETUP" = equal ] && heap=$RS1_HEAP
        # ip netns exec gives the JVM a fresh /sys without the cgroup2 mount: mount it there, so the agent
        # reads the cpu.max that W5 puts on rs1 (cpu_limit, the CPU bound on its capacity)
        setsid ip netns exec "$P-$n" sh -c 'mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null; exec "$@"' sh java -Xmx$heap $JOPTS -Xlog:gc:file="$RUN/logs/gc-$n-$SETUP.log":uptime \
            "-javaagent:$AGENT_JAR=vip=$VIP,forwarding=dr,network=configure,port=3333,secret-file=$RUN/key${AGENT_EXTRA:+,$AGENT_EXTRA}" \
            -Dsample.name=$n -Dsample.port=$PORT -Dsample.host=0.0.0.0 -Dsample.max-threads=${threads[$i]} \
            -cp "$SAMPLES/samples-0.1.0-SNAPSHOT.jar:$SAMPLES/lib/*" io.lvsfeedback.samples.app.Main \
            >>"$RUN/logs/$n.log" 2>&1 </dev/null &
        APP[$n]=$!
        pids+=($!)
        i=$((i + 1))
    done
    local t0
    for n in "${NAMES[@]}"; do
        t0=$(date +%s)
        until in_ns "$n" curl -fs -m 5 "http://${RIP[$n]}:$PORT/" >/dev/null 2>&1; do
            [ $(( $(date +%s) - t0 )) -lt 600 ] || { tail "$RUN/logs/$n.log"; exit 1; }
            sleep 1
        done
    done
    "$DEMO/realserver" verify rs1 dr >/dev/null && "$DEMO/realserver" verify rs2 dr >/dev/null \
        && "$DEMO/realserver" verify rs3 dr >/dev/null || log "WARNING: an agent did not configure its real server"
    # The agents answer once set up, which under emulation can take minutes after the HTTP port opens.
    t0=$(date +%s)
    while :; do
        POOL=($(QUIET=1 driver pool-max secret-file="$RUN/key" rs1="${RIP[rs1]}:3333" rs2="${RIP[rs2]}:3333" rs3="${RIP[rs3]}:3333" \
            2>/dev/null | tr ' ' '\n' | sed -n 's/^rs[123]=//p'))
        [ ${#POOL[@]} = 3 ] && break
        [ $(( $(date +%s) - t0 )) -lt 900 ] || { log "cannot read the agents' pool_max"; exit 1; }
        sleep 5
    done
    log "agents answered $(( $(date +%s) - t0 )) s after the HTTP ports"
    log "servers ($SETUP setup) up: max-threads ${threads[*]}, threads for requests (agents' pool_max) ${POOL[*]}"
    event - - - servers "$SETUP pool_max=${POOL[*]}"
}
stop_servers() {
    local n
    for n in "${NAMES[@]}"; do
        [ -n "${APP[$n]:-}" ] || continue
        kill "${APP[$n]}" 2>/dev/null || true
    done
    for n in "${NAMES[@]}"; do
        [ -n "${APP[$n]:-}" ] || continue
        for _ in $(seq 100); do kill -0 "${APP[$n]}" 2>/dev/null || break; sleep 0.2; done
        kill -9 "${APP[$n]}" 2>/dev/null || true
        APP[$n]=
    done
}
# stepped NAME QUERY WORKLOAD ROUND CONTENDER WHAT DETAIL: a cost change whose event carries the moment
# it took effect on the server (the answer's X-Cost-Applied-At-Ms), not when its request was sent: the
# request waits behind the server's own queue, seconds on a slowed server, and neither the oracle nor
# lvs-feedback can react before the change.
stepped() {
    local n=$1 q=$2 at; shift 2
    at=$(in_ns "$n" curl -fs -m 60 -X POST -o /dev/null -w '%header{x-cost-applied-at-ms}' "http://127.0.0.1:$PORT/admin/cost?$q") || at=
    if [[ ! "$at" =~ ^[0-9]+$ ]]; then
        log "WARNING: cost $q on $n failed or gave no time; its event is the time after the attempt"
        at=$(now_ms)
    fi
    echo "$at $*" >>"$OUT/events.tsv"
}
cost() {  # cost NAME QUERY: the sample's admin endpoint (waits behind the server's own queue at most 60 s)
    in_ns "$1" curl -fs -m 60 -X POST "http://127.0.0.1:$PORT/admin/cost?$2" >/dev/null \
        || log "WARNING: cost $2 on $1 failed"
}

# ------------------------------------------------------------------ the client (one JVM, stdin/stdout)
mkfifo "$RUN/drv.in" "$RUN/drv.out"
ip netns exec "$P-cli" java -Xmx256m $JOPTS -cp "$BENCH_JAR" io.lvsfeedback.bench.matrix.MatrixDriver \
    <"$RUN/drv.in" >"$RUN/drv.out" 2>>"$RUN/logs/driver.log" &
pids+=($!)
exec {DRV_IN}<>"$RUN/drv.in" {DRV_OUT}<>"$RUN/drv.out"
driver_send() { echo "$*" >&"$DRV_IN"; }
driver_reply() {
    local r
    read -r -t $(( TIMEOUT_MS / 1000 + 600 )) -u "$DRV_OUT" r || { log "the client did not answer"; exit 1; }
    [[ "$r" == ok* ]] || [ -n "${QUIET:-}" ] || log "client: $r"
    echo "${r#ok }"
}
driver() { driver_send "$@"; driver_reply; }
driver_reply >/dev/null   # "ok ready"

# ------------------------------------------------------------------ IPVS and the bridge
weights() {  # weights W1 W2 W3 (one ipvsadm process)
    printf -- '-e -t %s -r %s -g -w %s\n' "$VIP:$PORT" "${RIP[rs1]}:$PORT" "$1" "$VIP:$PORT" "${RIP[rs2]}:$PORT" "$2" \
        "$VIP:$PORT" "${RIP[rs3]}:$PORT" "$3" | in_ns dir ipvsadm -R
}
weight_one() { in_ns dir ipvsadm -e -t "$VIP:$PORT" -r "${RIP[$1]}:$PORT" -g -w "$2"; }
scheduler() { in_ns dir ipvsadm -E -t "$VIP:$PORT" -s "$1"; }
bridge_sets=()
for kv in $BRIDGE_BASE $BRIDGE_SET; do bridge_sets+=(--set "$kv"); done
bridge_pid=
start_bridge() {  # start_bridge [nowait]
    local jmx=()
    [ "$BRIDGE_MODE" = pause ] && jmx=(-Dcom.sun.management.jmxremote.port=9011 -Dcom.sun.management.jmxremote.rmi.port=9011
        -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false
        -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1)
    setsid ip netns exec "$P-dir" java -Xmx128m $JOPTS "${jmx[@]}" -jar "$BRIDGE_JAR" run \
        --config "$ROOT/samples/config/bridge.properties" --set "secret-file=$RUN/key" "${bridge_sets[@]}" \
        >>"$RUN/logs/bridge.log" 2>&1 </dev/null &
    bridge_pid=$!
    pids+=($!)
    bridge_t0=$(date +%s)
    [ "${1:-}" = nowait ] || wait_bridge
}
wait_bridge() {
    until in_ns dir curl -fs -m 5 http://127.0.0.1:9180/ >/dev/null 2>&1; do
        [ $(( $(date +%s) - bridge_t0 )) -lt 600 ] || { tail "$RUN/logs/bridge.log"; exit 1; }
        sleep 1
    done
    BRIDGE_START_S=$(( $(date +%s) - bridge_t0 ))
}
stop_bridge() {
    kill "$bridge_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$bridge_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$bridge_pid" 2>/dev/null || true
    bridge_pid=
}
SW_IN=
switch_bridge() {  # switch_bridge pause|resume (BRIDGE_MODE=pause)
    local r
    echo "$1" >&"$SW_IN"
    read -r -t 120 -u "$SW_OUT" r || { log "the bridge switch did not answer"; exit 1; }
    [[ "$r" == ok* ]] || { log "bridge $1: $r"; exit 1; }
}
bridge_up() {  # the bridge started by start_bridge answers: connect the switch and pause it
    wait_bridge
    mkfifo "$RUN/sw.in" "$RUN/sw.out"
    ip netns exec "$P-dir" java -Xmx64m $JOPTS -cp "$BENCH_JAR" io.lvsfeedback.bench.matrix.BridgeSwitch 127.0.0.1:9011 300 \
        <"$RUN/sw.in" >"$RUN/sw.out" 2>>"$RUN/logs/switch.log" &
    pids+=($!)
    exec {SW_IN}<>"$RUN/sw.in" {SW_OUT}<>"$RUN/sw.out"
    switch_bridge pause
    log "bridge up after $BRIDGE_START_S s, paused (resumed for lvs-feedback phases only)"
}
bridge_on() {   # before an lvs-feedback phase: equal weights as the operator's base, then the bridge
    weights 100 100 100
    if [ "$BRIDGE_MODE" = pause ]; then
        sleep 1.5   # the paused bridge sees the write (1 s cycles) and takes 100 as the base
        switch_bridge resume
    else
        start_bridge
        log "  bridge started in $BRIDGE_START_S s"
    fi
}
bridge_off() {
    if [ "$BRIDGE_MODE" = pause ]; then switch_bridge pause; else stop_bridge; fi
}

cpu_now() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
quantize() {  # quantize X MAX: 100 * X / MAX in multiples of 100/ORACLE_LEVELS, at least one step
    awk -v x="$1" -v m="$2" -v l="$ORACLE_LEVELS" 'BEGIN { s = 100 / l; q = int(x / m * l + 0.5); if (q < 1) q = 1; printf "%d", q * s }'
}
oracle_of() {  # oracle_of C1 C2 C3: ORACLE=(each quantized against the largest)
    local top
    top=$(printf '%s\n' "$@" | sort -g | tail -1)
    ORACLE=($(quantize "$1" "$top") $(quantize "$2" "$top") $(quantize "$3" "$top"))
}
calibrate() {  # calibrate WORKLOAD: CAP=(per-second capacity of rs1 rs2 rs3), saturating all three at once
    local r
    weights 100 100 100
    r=$(driver saturate path=/work warmup=3 duration="$CAL_S" timeout="$TIMEOUT_MS" \
        rs1="${RIP[rs1]}:$PORT:$((POOL[0] + 2))" rs2="${RIP[rs2]}:$PORT:$((POOL[1] + 2))" rs3="${RIP[rs3]}:$PORT:$((POOL[2] + 2))")
    CAP=($(echo "$r" | tr ' ' '\n' | sed -n 's/^rs[123]=//p'))
    log "$1 calibration (each server saturated directly, all at once, $CAL_S s): $r"
    event "$1" - - calibration "$r"
    sleep "$GAP"
}

# ------------------------------------------------------------------ one phase
# run_phase W ROUND CONTENDER RATE [LOAD ARGS...]: GAP without load (scheduler, weights, bridge),
# then LEAD s of unmeasured load, then the measured part; W2 adds its steps and pause test.
run_phase() {
    local w=$1 r=$2 c=$3 rate=$4; shift 4
    local sched=${c%%-*} kind=${c#*-} raw="raw/$w-r$r-$c.tsv" measured=$PHASE extra=0
    [ "$sched" = lvsfb ] && { sched=${c#*-}; kind=lvsfb; }
    [ "$w" = W2 ] && measured=$((STEP_S + BACK_S))
    [ "$w" = W2 ] && [ "$kind" = lvsfb ] && extra=$((2 * PAUSE_WINDOW))
    scheduler "$sched"
    case "$kind" in
        equal) weights 100 100 100 ;;
        oracle) weights "${ORACLE[@]}" ;;
        lvsfb) bridge_on ;;
    esac
    sleep "$GAP"
    local c0 c1 t0 from to reply
    c0=$(cpu_now)
    t0=$(now_ms)
    driver_send load host=$VIP port=$PORT path=/work rate="$rate" warmup=0 duration=$((LEAD + measured + extra)) \
        timeout="$TIMEOUT_MS" out="$OUT/$raw" ports="$OUT/ports/$w-r$r-$c.tsv" "$@"
    from=$((t0 + LEAD * 1000))
    to=$((from + measured * 1000))
    if [ "$w" = W2 ]; then
        sleep "$LEAD"
        stepped rs1 "latency-ms=$((W2_HOLD_MS * W2_FACTOR))" "$w" "$r" "$c" step-up "rs1 latency-ms=$((W2_HOLD_MS * W2_FACTOR))"
        [ "$kind" = oracle ] && { weight_one rs1 "$(quantize 1 "$W2_FACTOR")"; event "$w" "$r" "$c" oracle-weights "$(quantize 1 "$W2_FACTOR") 100 100"; }
        sleep "$STEP_S"
        stepped rs1 "latency-ms=$W2_HOLD_MS" "$w" "$r" "$c" step-down "rs1 latency-ms=$W2_HOLD_MS"
        [ "$kind" = oracle ] && { weight_one rs1 100; event "$w" "$r" "$c" oracle-weights "100 100 100"; }
        if [ "$extra" -gt 0 ]; then
            sleep $((BACK_S + PAUSE_WINDOW))
            event "$w" "$r" "$c" pause "rs2 SIGSTOP 200 ms (control window: the $PAUSE_WINDOW s before)"
            kill -STOP "${APP[rs2]}"; sleep 0.2; kill -CONT "${APP[rs2]}"
        fi
    fi
    reply=$(driver_reply)
    c1=$(cpu_now)
    [ "$kind" = lvsfb ] && bridge_off
    echo "$w $r $c $sched $t0 $from $to $rate $raw" >>"$OUT/phases.tsv"
    log "  $w round $r $c: $reply | guest CPU $(echo "$c0 $c1" | awk '{ printf "%.0f%%", 100 * ($3 - $1) / ($4 - $2) }')"
}

run_workload() {  # run_workload W RATE [LOAD ARGS...]
    local w=$1 rate=$2 r c; shift 2
    if [ "$WARM" -gt 0 ]; then
        scheduler wlc; weights 100 100 100
        log "  $w warm-up ($WARM s, wlc, equal weights, not measured): $(driver load host=$VIP port=$PORT path=/work \
            rate="$rate" warmup=0 duration="$WARM" timeout="$TIMEOUT_MS" ports="$OUT/ports/$w-warm.tsv" "$@")"
        sleep "$GAP"
    fi
    for r in $(seq "$ROUNDS"); do
        for c in $CONTENDERS; do
            run_phase "$w" "$r" "$c" "$rate" "$@"
        done
    done
}

sum3() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { print a + b + c }'; }

# ------------------------------------------------------------------ rate probe (optional)
# The bridge JVM starts while the servers do (JVM starts are the slowest part under emulation).
[ "$BRIDGE_MODE" = pause ] && { weights 100 100 100; start_bridge nowait; }
case " $WORKLOADS " in *" W1 "*|*" W4 "*) first=unequal ;; *) first=equal ;; esac
[ -n "$RATE_PROBE" ] && first=unequal
if [ "$first" = unequal ]; then start_servers unequal $W1_MAX_THREADS; else start_servers equal "$EQ_MAX_THREADS" "$EQ_MAX_THREADS" "$EQ_MAX_THREADS"; fi
[ "$BRIDGE_MODE" = pause ] && bridge_up

if [ -n "$RATE_PROBE" ]; then
    start_servers unequal $W1_MAX_THREADS
    for n in "${NAMES[@]}"; do cost "$n" "reset=true&latency-ms=50"; done
    scheduler wlc; weights 100 100 100
    # Warm-up (the JVMs' first requests load classes and compile): the first rate, not reported.
    driver load host=$VIP port=$PORT path=/work rate="${RATE_PROBE%% *}" warmup=0 duration="$PROBE_S" timeout="$TIMEOUT_MS" >/dev/null
    sleep "$GAP"
    for rate in $RATE_PROBE; do
        c0=$(cpu_now)
        reply=$(driver load host=$VIP port=$PORT path=/work rate="$rate" warmup=3 duration="$PROBE_S" timeout="$TIMEOUT_MS")
        c1=$(cpu_now)
        log "probe $rate req/s (50 ms hold, capacity $(awk -v p="$(sum3 "${POOL[@]}")" 'BEGIN { print p * 20 }') req/s): $reply | guest CPU $(echo "$c0 $c1" | awk '{ printf "%.0f%%", 100 * ($3 - $1) / ($4 - $2) }')"
        event PROBE - - probe "rate=$rate $reply"
        sleep "$GAP"
    done
fi

# ------------------------------------------------------------------ W5: CPU taken from rs1
# quota: rs1's JVM alone in a cgroup v2 whose cpu.max lets it use W5_CPU_QUOTA % of one CPU, however
# many threads it runs (what a container's CPU limit or a hypervisor's steal leaves it).
# loops: STEAL_PROCS busy loops at STEAL_NICE share rs1's CPU (rs2, rs3 on the other). The kernel's
# autogroups would give the loops' session and the JVM's (setsid) half a CPU each whatever the nice
# value (that made an earlier W5 a 1.5x effect), so they are off while the loops run.
CG=/sys/fs/cgroup
steal_what() {
    if [ "$W5_STEAL" = quota ]; then echo "rs1's JVM limited to $W5_CPU_QUOTA % of one CPU (cgroup cpu.max)"
    else echo "$STEAL_PROCS busy loop(s) at nice $STEAL_NICE on CPU 0 with rs1 (rs2, rs3 on CPU 1)"; fi
}
steal_on() {
    if [ "$W5_STEAL" = quota ]; then
        [ -e "$CG/cgroup.controllers" ] || mount -t cgroup2 cgroup2 "$CG"
        echo +cpu >"$CG/cgroup.subtree_control"
        mkdir -p "$CG/$P-rs1"
        echo "$((W5_CPU_QUOTA * 1000)) 100000" >"$CG/$P-rs1/cpu.max"
        echo "${APP[rs1]}" >"$CG/$P-rs1/cgroup.procs"
        return
    fi
    AUTOGROUP=$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo)
    [ -n "$AUTOGROUP" ] && echo 0 >/proc/sys/kernel/sched_autogroup_enabled
    taskset -a -p -c 0 "${APP[rs1]}" >/dev/null
    taskset -a -p -c 1 "${APP[rs2]}" >/dev/null
    taskset -a -p -c 1 "${APP[rs3]}" >/dev/null
    steal_pids=
    for _ in $(seq "$STEAL_PROCS"); do
        in_ns rs1 taskset -c 0 nice -n "$STEAL_NICE" bash -c 'while :; do :; done' &
        steal_pids="$steal_pids $!"
    done
}
steal_off() {
    if [ "$W5_STEAL" = quota ]; then
        echo "${APP[rs1]}" >"$CG/cgroup.procs"
        rmdir "$CG/$P-rs1"
        return
    fi
    kill $steal_pids 2>/dev/null || true
    steal_pids=
    [ -n "${AUTOGROUP:-}" ] && echo "$AUTOGROUP" >/proc/sys/kernel/sched_autogroup_enabled
    for n in "${NAMES[@]}"; do taskset -a -p -c 0-1 "${APP[$n]}" >/dev/null; done
}

# ------------------------------------------------------------------ the workloads
for w in $WORKLOADS; do
    case "$w" in
    W1|W4)
        start_servers unequal $W1_MAX_THREADS
        hold=$W1_HOLD_MS
        for n in "${NAMES[@]}"; do cost "$n" "reset=true&latency-ms=$hold"; done
        oracle_of "${POOL[@]}"
        share=$W1_LOAD; [ "$w" = W4 ] && share=$W4_LOAD
        rate=$(awk -v p="$(sum3 "${POOL[@]}")" -v h="$hold" -v s="$share" 'BEGIN { printf "%.2f", s * p * 1000 / h }')
        args=(); [ "$w" = W4 ] && args=(per-connection="$W4_PER_CONN" interval-ms="$W4_INTERVAL_MS")
        log "$w: hold $hold ms on every server, threads ${POOL[*]}: capacity $(awk -v p="$(sum3 "${POOL[@]}")" -v h="$hold" 'BEGIN { printf "%.2f", p * 1000 / h }') req/s; offered $rate req/s ($share); oracle ${ORACLE[*]}${args[*]:+; keep-alive: ${args[*]}}"
        event "$w" - - workload "rate=$rate oracle=${ORACLE[*]} hold=$hold pool=${POOL[*]} ${args[*]}"
        run_workload "$w" "$rate" "${args[@]}"
        ;;
    W2)
        start_servers equal "$EQ_MAX_THREADS" "$EQ_MAX_THREADS" "$EQ_MAX_THREADS"
        for n in "${NAMES[@]}"; do cost "$n" "reset=true&latency-ms=$W2_HOLD_MS"; done
        ORACLE=(100 100 100)
        rate=$(awk -v p="$(sum3 "${POOL[@]}")" -v h="$W2_HOLD_MS" -v s="$W2_LOAD" 'BEGIN { printf "%.2f", s * p * 1000 / h }')
        log "W2: hold $W2_HOLD_MS ms, threads ${POOL[*]}; offered $rate req/s ($W2_LOAD of the normal capacity); rs1 x$W2_FACTOR for $STEP_S s, then $BACK_S s back; the oracle writes rs1 $(quantize 1 "$W2_FACTOR") at the step"
        event W2 - - workload "rate=$rate hold=$W2_HOLD_MS factor=$W2_FACTOR pool=${POOL[*]}"
        run_workload W2 "$rate"
        ;;
    W3)
        start_servers equal "$EQ_MAX_THREADS" "$EQ_MAX_THREADS" "$EQ_MAX_THREADS"
        for n in "${NAMES[@]}"; do cost "$n" "reset=true&latency-ms=$W3_HOLD_MS"; done
        cost rs1 "alloc-mb=$W3_ALLOC_MB"
        calibrate W3
        oracle_of "${CAP[@]}"
        rate=$(awk -v c="$(sum3 "${CAP[@]}")" -v s="$W3_LOAD" 'BEGIN { printf "%.2f", s * c }')
        log "W3: rs1 allocates $W3_ALLOC_MB MiB per request in a $RS1_HEAP heap; hold $W3_HOLD_MS ms; calibrated ${CAP[*]} req/s; offered $rate req/s ($W3_LOAD); oracle ${ORACLE[*]}"
        event W3 - - workload "rate=$rate oracle=${ORACLE[*]} capacity=${CAP[*]}"
        run_workload W3 "$rate"
        cost rs1 "alloc-mb=0"
        ;;
    W5)
        start_servers equal "$EQ_MAX_THREADS" "$EQ_MAX_THREADS" "$EQ_MAX_THREADS"
        for n in "${NAMES[@]}"; do cost "$n" "reset=true&latency-ms=$W5_HOLD_MS&cpu-ms=$W5_CPU_MS"; done
        steal_on
        calibrate W5
        oracle_of "${CAP[@]}"
        rate=$(awk -v c="$(sum3 "${CAP[@]}")" -v s="$W5_LOAD" 'BEGIN { printf "%.2f", s * c }')
        log "W5: $(steal_what); hold $W5_HOLD_MS ms + $W5_CPU_MS ms CPU; calibrated ${CAP[*]} req/s; offered $rate req/s ($W5_LOAD); oracle ${ORACLE[*]}"
        event W5 - - workload "rate=$rate oracle=${ORACLE[*]} capacity=${CAP[*]} steal=$(steal_what)"
        run_workload W5 "$rate"
        steal_off
        ;;
    *) log "unknown workload $w (W1..W5)"; exit 2 ;;
    esac
done

log "done (the analysis runs on the host: matrix.sh, or MatrixReport $OUT)"

#!/usr/bin/env bash
# Runs INSIDE the lab guest (see balancing.sh): issue 7 items 3 (balancing quality) and 2
# (convergence) on the demo's LVS-DR cluster of namespaces (samples/demo/cluster), three Jetty real
# servers with the agent, the director-bridge, and an open-loop load from the client namespace.
#
# Capacities 1:2:4 come from the sample's work cost: every request holds one of the server's few
# request threads for LATENCY ms (rs1 4x, rs2 2x, rs3 1x), so each server's capacity is its own,
# independent of the CPUs the three JVMs share under emulation.
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEMO=$ROOT/samples/demo
OUT=${OUT:-${LAB_RESULTS:?set LAB_RESULTS or OUT}}
export LVS_DEMO_PREFIX=${LVS_DEMO_PREFIX:-lvsb}
export LVS_DEMO_RUN=/tmp/lvs-bench
P=$LVS_DEMO_PREFIX
RUN=$LVS_DEMO_RUN
VIP=10.0.0.100 PORT=8080
THREADS=${THREADS:-8}          # Jetty max threads per server (a few go to its acceptor and selector)
UNIT_MS=${UNIT_MS:-1500}       # rs3's hold time per request; rs2 2x, rs1 4x
RATE=${RATE:-}                 # requests/s offered (items 3 and 2); default LOAD_SHARE of the measured capacity
LOAD_SHARE=${LOAD_SHARE:-0.75} # item 3's load as a share of the three servers' measured capacity
TAIL=${TAIL:-30}               # item 3 also reports each phase without its first TAIL seconds
PHASE=${PHASE:-90}             # measured seconds per phase
WARM=${WARM:-30}               # unmeasured load before the first phase
STEPS=${STEPS:-3}              # overload/recovery pairs in item 2
STEP_S=${STEP_S:-30}           # seconds each step is held
GAP=${GAP:-40}                 # seconds without load between item 3's phases (queues drain)
ITEMS=${ITEMS:-3 2}            # which items: "3" or "2" runs one alone
AGENT_EXTRA=${AGENT_EXTRA:-}   # more agent settings, e.g. "smoothing=3s" (comma-separated)
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/lvs-benchmarks.jar}
BRIDGE_JAR=${BRIDGE_JAR:-$ROOT/director-bridge/target/director-bridge.jar}
AGENT_JAR=${AGENT_JAR:-$ROOT/agent/target/lvs-agent.jar}
SAMPLES=${SAMPLES:-$ROOT/samples/target}
JOPTS="-Xmx128m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
declare -A RIP=([rs1]=10.0.0.11 [rs2]=10.0.0.12 [rs3]=10.0.0.13)
declare -A HOLD=([rs1]=$((4 * UNIT_MS)) [rs2]=$((2 * UNIT_MS)) [rs3]=$UNIT_MS)
mkdir -p "$OUT" "$RUN/logs" "$RUN/pids"

log() { echo "$(date +%T) $*" | tee -a "$OUT/balancing.log"; }
in_ns() { local n=$1; shift; ip netns exec "$P-$n" "$@"; }
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    sleep 1
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    "$DEMO/cluster" down >/dev/null 2>&1 || true
    mkdir -p "$OUT/logs" && cp "$RUN"/logs/*.log "$OUT/logs/" 2>/dev/null || true
}
trap cleanup EXIT

"$ROOT/benchmarks/bin/machine-info.sh" | tee "$OUT/machine.txt"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$RUN/key"
"$DEMO/cluster" up >/dev/null
"$DEMO/cluster" method dr >/dev/null
log "cluster up: $(in_ns dir ipvsadm -Ln | grep -c -- '->' ) lines in the IPVS table"

# Real servers: the sample with the agent (DR, configure), THREADS request threads each.
declare -A APP
for n in rs1 rs2 rs3; do
    setsid ip netns exec "$P-$n" java $JOPTS \
        "-javaagent:$AGENT_JAR=vip=$VIP,forwarding=dr,network=configure,port=3333,secret-file=$RUN/key${AGENT_EXTRA:+,$AGENT_EXTRA}" \
        -Dsample.name=$n -Dsample.port=$PORT -Dsample.host=0.0.0.0 -Dsample.max-threads=$THREADS \
        -cp "$SAMPLES/samples-0.1.0-SNAPSHOT.jar:$SAMPLES/lib/*" io.lvsfeedback.samples.app.Main \
        >"$RUN/logs/$n.log" 2>&1 </dev/null &
    APP[$n]=$!
    pids+=($!)
done
for n in rs1 rs2 rs3; do
    t0=$(date +%s)
    until in_ns "$n" curl -fs -m 5 "http://${RIP[$n]}:$PORT/" >/dev/null 2>&1; do
        [ $(( $(date +%s) - t0 )) -lt 600 ] || { tail "$RUN/logs/$n.log"; exit 1; }
        sleep 1
    done
    in_ns "$n" curl -fs -m 10 -X POST "http://127.0.0.1:$PORT/admin/cost?latency-ms=${HOLD[$n]}" >/dev/null
    log "$n up (pid ${APP[$n]}), hold ${HOLD[$n]} ms x $THREADS threads: $(in_ns "$n" curl -fs -m 10 http://127.0.0.1:$PORT/admin/cost)"
done
"$DEMO/realserver" verify rs1 dr && "$DEMO/realserver" verify rs2 dr && "$DEMO/realserver" verify rs3 dr \
    || log "WARNING: an agent did not configure its real server (see above)"

weights() { in_ns dir ipvsadm -e -t "$VIP:$PORT" -r "${RIP[rs1]}:$PORT" -g -w "$1"
            in_ns dir ipvsadm -e -t "$VIP:$PORT" -r "${RIP[rs2]}:$PORT" -g -w "$2"
            in_ns dir ipvsadm -e -t "$VIP:$PORT" -r "${RIP[rs3]}:$PORT" -g -w "$3"; }
kernel_weights() { in_ns dir ipvsadm -Ln | awk -v a="${RIP[rs1]}:$PORT" -v b="${RIP[rs2]}:$PORT" -v c="${RIP[rs3]}:$PORT" \
    '$2 == a { x = $4 } $2 == b { y = $4 } $2 == c { z = $4 } END { print x, y, z }'; }
load() {  # load RATE WARMUP DURATION [TAIL]
    in_ns cli java $JOPTS -cp "$BENCH_JAR" io.lvsfeedback.bench.load.OpenLoopLoad \
        host=$VIP port=$PORT path=/work rate="$1" warmup="$2" duration="$3" timeout=10000 max-in-flight=400 \
        tail-after="${4:-0}" | paste -sd'|' | sed 's/|/ || /'
}
# Threads each server really has for requests: Jetty leases some of its max threads to its
# acceptor and selector; the agent reports the rest as pool_max.
pool_max() {  # prints nothing when the agent cannot be read (the caller falls back to THREADS)
    { in_ns dir java $JOPTS -jar "$BRIDGE_JAR" poll --timeout=10000 --secret-file="$RUN/key" "${RIP[$1]}:3333" \
        || true; } | awk '$1 == "pool_max" { print $2 }'
}
# Samples the kernel weights every 0.5 s into FILE until killed: "epoch_ms w1 w2 w3". Forks
# nothing per sample (bash builtins on /proc/net/ip_vs in the director's namespace): process
# starts are expensive under emulation, and the sampler runs in every phase, so it weighs the same
# on all of them.
hex_rip() { local IFS=.; set -- $1; printf '%02X%02X%02X%02X:%04X' "$1" "$2" "$3" "$4" "$PORT"; }
cat >"$RUN/timeline.sh" <<SCRIPT
#!/bin/bash
mkfifo "$RUN/timeline.fifo" 2>/dev/null; exec 7<>"$RUN/timeline.fifo"
while :; do
    mapfile -t lines </proc/net/ip_vs
    w1=- w2=- w3=-
    for l in "\${lines[@]}"; do
        set -- \$l
        case "\$2" in $(hex_rip "${RIP[rs1]}")) w1=\$4 ;; $(hex_rip "${RIP[rs2]}")) w2=\$4 ;; $(hex_rip "${RIP[rs3]}")) w3=\$4 ;; esac
    done
    t=\${EPOCHREALTIME/./}
    echo "\${t:0:13} \$w1 \$w2 \$w3"
    read -t 0.5 -u 7 || true
done
SCRIPT
# exec: the background job's pid is the sampler itself, so killing it stops the sampling.
timeline() { exec ip netns exec "$P-dir" bash "$RUN/timeline.sh" >"$1"; }
# Each agent's in-flight requests, pool threads, queue and the VM's CPU every second for SECONDS,
# into FILE (one JVM): where a phase's latency came from.
watch_agents() {  # watch_agents FILE SECONDS
    in_ns dir java $JOPTS -cp "$BENCH_JAR" io.lvsfeedback.bench.load.AgentWatch secret-file="$RUN/key" \
        duration="$2" rs1="${RIP[rs1]}:3333" rs2="${RIP[rs2]}:3333" rs3="${RIP[rs3]}:3333" >"$1" 2>&1
}

bridge_pid=
start_bridge() {  # start_bridge [--set k=v]...
    setsid ip netns exec "$P-dir" java $JOPTS -jar "$BRIDGE_JAR" run --config "$ROOT/samples/config/bridge.properties" \
        --set "secret-file=$RUN/key" "$@" >>"$RUN/logs/bridge.log" 2>&1 </dev/null &
    bridge_pid=$!
    pids+=($!)
    t0=$(date +%s)
    until in_ns dir curl -fs -m 5 http://127.0.0.1:9180/ >/dev/null 2>&1; do
        [ $(( $(date +%s) - t0 )) -lt 600 ] || { tail "$RUN/logs/bridge.log"; exit 1; }
        sleep 1
    done
    log "bridge up after $(( $(date +%s) - t0 )) s"
}
stop_bridge() {
    kill "$bridge_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$bridge_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$bridge_pid" 2>/dev/null || true
}

# ------------------------------------------------------------------ item 3: balancing quality
if [[ " $ITEMS " == *" 3 "* ]]; then
# Order: oracle, lvs-feedback, equal. Equal weights overload rs1, whose queue takes minutes to
# drain (its requests outlive the clients' time-out): run last, it cannot spoil the others. A
# pause with no load between phases lets each server's queue empty.
declare -A AVAIL
for n in rs1 rs2 rs3; do
    AVAIL[$n]=$(pool_max "$n")
    [ -n "${AVAIL[$n]}" ] || { log "WARNING: $n's agent did not report pool_max: assuming $THREADS"; AVAIL[$n]=$THREADS; }
done
cap=$(awk -v a="${AVAIL[rs1]}" -v b="${AVAIL[rs2]}" -v c="${AVAIL[rs3]}" -v u="$UNIT_MS" \
    'BEGIN { printf "%.2f", 1000 / u * (a / 4 + b / 2 + c) }')
RATE=${RATE:-$(awk -v c="$cap" -v s="$LOAD_SHARE" 'BEGIN { printf "%.2f", c * s }')}
log "item 3: threads for requests (agents' pool_max of $THREADS) ${AVAIL[rs1]}/${AVAIL[rs2]}/${AVAIL[rs3]}: capacity $cap req/s; offered $RATE req/s; phases of $PHASE s (also without their first $TAIL s), pauses of $GAP s"
# One watcher for all of item 3 (its polls, one per agent and second like the bridge's, weigh the
# same on every phase); split it by the timeline files' times.
watch_agents "$OUT/agents.txt" "$((WARM + 5 * (PHASE + GAP) + 300))" & watcher=$!; pids+=($watcher)
weights 100 200 400
log "warm-up (oracle weights, no backlog): $(load "$RATE" 0 "$WARM")"
sleep "$GAP"
static_phase() {  # static_phase NAME W1 W2 W3 LABEL
    weights "$2" "$3" "$4"
    timeline "$OUT/timeline-$1.txt" & tl=$!; pids+=($tl)
    log "phase $1 ($5): $(load "$RATE" 0 "$PHASE" "$TAIL")"
    kill "$tl"
    sleep "$GAP"
}
bridge_phase() {  # bridge_phase NAME LABEL [--set k=v]...
    local name=$1 label=$2; shift 2
    weights 100 100 100
    start_bridge "$@"
    timeline "$OUT/timeline-$name.txt" & tl=$!; pids+=($tl)
    log "phase $name ($label): $(load "$RATE" 0 "$PHASE" "$TAIL")"
    kill "$tl"
    log "phase $name weights at the end: $(kernel_weights)"
    stop_bridge
    sleep "$GAP"
}
static_phase b 100 200 400 "static oracle 100:200:400"
# The ratio lvs-feedback finds (1:2:4 to the unit, divisor 1): what wrr makes of such weights.
static_phase b2 43 86 171 "static 43:86:171, the oracle's ratio as the bridge writes it"
bridge_phase c "lvs-feedback, from 100:100:100, bridge defaults"
bridge_phase c2 "lvs-feedback, from 100:100:100, weight-levels=20" --set weight-levels=20
static_phase a 100 100 100 "static equal 100:100:100"
kill "$watcher" 2>/dev/null || true
fi
case " $ITEMS " in *" 2 "*) ;; *) log "done (ITEMS=$ITEMS: item 2 skipped)"; exit 0 ;; esac

# ------------------------------------------------------------------ item 2: convergence
RATE=${RATE:-5}
# Equal servers whose requests cost CPU_MS of CPU work each (no added hold: the CPU work is the
# cost, so x5 of it is an overload of that server, not a rounding error next to a long sleep), the
# same steady load, then rs1's CPU work per request x5 and back, STEPS times.
start_bridge
# Phase A left rs1 with a queue of 6 s requests; the admin call waits in that queue too.
for n in rs1 rs2 rs3; do in_ns "$n" curl -fs -m 300 -X POST "http://127.0.0.1:$PORT/admin/cost?reset=true&cpu-ms=${CPU_MS:-20}" >/dev/null; done
sleep "$GAP"
timeline "$OUT/timeline-steps.txt" & tl=$!; pids+=($tl)
total=$(( 20 + STEPS * 2 * STEP_S + 30 ))
load "$RATE" 0 "$total" >"$OUT/steps-load.txt" & ld=$!; pids+=($ld)
sleep 20
: >"$OUT/steps.txt"
for s in $(seq "$STEPS"); do
    for phase in up down; do
        cpu=${CPU_MS:-20}; [ $phase = up ] && cpu=$(( 5 * ${CPU_MS:-20} ))
        echo "$(date +%s%3N) $phase" >>"$OUT/steps.txt"
        in_ns rs1 curl -fs -m 10 -X POST "http://127.0.0.1:$PORT/admin/cost?cpu-ms=$cpu" >/dev/null
        sleep "$STEP_S"
    done
done
# A single 200 ms stop-the-world pause of rs2's JVM (SIGSTOP/SIGCONT freezes every thread, the agent's too).
echo "$(date +%s%3N) pause" >>"$OUT/steps.txt"
kill -STOP "${APP[rs2]}"; sleep 0.2; kill -CONT "${APP[rs2]}"
sleep 25
wait "$ld" || true
kill "$tl" 2>/dev/null || true
log "item 2 load: $(cat "$OUT/steps-load.txt")"

# Analysis: for each step, the time until rs1's weight has moved half of its final change
# (final = median of the step's last 5 s, start = weight at the step).
awk -v hold="$STEP_S" '
    FNR == NR { st[++n] = $1; kind[n] = $2; next }
    { t[++m] = $1; w1[m] = $2; w2[m] = $3 }
    function wat(col, ts,   i, v) { v = ""; for (i = 1; i <= m; i++) { if (t[i] > ts) break; v = (col == 1 ? w1[i] : w2[i]) } return v }
    END {
        for (k = 1; k <= n; k++) {
            s = st[k]
            if (kind[k] == "pause") {
                w0 = wat(2, s); mx = 0
                for (i = 1; i <= m; i++) if (t[i] > s && t[i] <= s + 20000) { d = w2[i] - w0; if (d < 0) d = -d; if (d > mx) mx = d }
                printf "pause: rs2 weight before %s, largest change in the next 20 s %d (%.1f%%)\n", w0, mx, w0 ? 100 * mx / w0 : 0
                continue
            }
            w0 = wat(1, s); cnt = 0
            for (i = 1; i <= m; i++) if (t[i] > s + (hold - 5) * 1000 && t[i] <= s + hold * 1000) last[++cnt] = w1[i]
            for (i = 2; i <= cnt; i++) { x = last[i]; for (j = i - 1; j >= 1 && last[j] > x; j--) last[j + 1] = last[j]; last[j + 1] = x }
            wf = last[int((cnt + 1) / 2)]; split("", last)
            half = (wf - w0) / 2; hit = -1
            for (i = 1; i <= m; i++) if (t[i] > s && t[i] <= s + hold * 1000) {
                d = w1[i] - w0
                if (half != 0 && ((half > 0 && d >= half) || (half < 0 && d <= half))) { hit = (t[i] - s) / 1000; break }
            }
            printf "step %s: rs1 weight %s -> %s, half-way after %s s\n", kind[k], w0, wf, hit < 0 ? "never" : hit
        }
    }' "$OUT/steps.txt" "$OUT/timeline-steps.txt" | tee -a "$OUT/balancing.log"
cp "$RUN/logs/"*.log "$OUT/" 2>/dev/null || true
log "done"

#!/usr/bin/env bash
# Bridge scale (issue 7, item 5), host mode: the bridge's engine (real configuration, NIO poller and
# policy) polls 2,000 destinations every poll-interval, each answered by the fake agent farm speaking the
# signed LVSFB/1 protocol; the IPVS table is synthetic because the host kernel has no IPVS (its
# netlink cost is item 1). Both run in a throwaway network namespace where 10.77.0.0/16 is local.
# Reports the engine's CPU share (its own process CPU time), the farm's (/proc/PID/stat) and the cycle times.
#
#   benchmarks/bin/bridge-scale.sh     (from the project root, as root, after the builds)
#
# Settings (environment): SERVICES=20 PER_SERVICE=100 WARMUP=20 MEASURE=60 FARM_WORKERS=32
#   BRIDGE_SET="key=value ..." (bridge settings, e.g. "max-concurrent-polls=256")
#   BRIDGE_JAVA_OPTS="..." (the engine JVM's options, e.g. a flight recording: "-XX:StartFlightRecording=filename=/tmp/b.jfr")
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SERVICES=${SERVICES:-20}
PER_SERVICE=${PER_SERVICE:-100}
WARMUP=${WARMUP:-20}
MEASURE=${MEASURE:-60}
BRIDGE_SET=${BRIDGE_SET:-}
JAR=$ROOT/benchmarks/target/lvs-benchmarks.jar
NS=bscale$$
OUT=${OUT:-$(mktemp -d /tmp/bridge-scale.XXXXXX)}
[ -f "$JAR" ] || { echo "bridge-scale: $JAR missing (mvn -f benchmarks/pom.xml package)" >&2; exit 2; }

farm_pid= bridge_pid=
cleanup() {
    for p in $bridge_pid $farm_pid; do kill "$p" 2>/dev/null || true; done
    for p in $bridge_pid $farm_pid; do wait "$p" 2>/dev/null || true; done
    ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT

# cpu_ticks PID: utime + stime of the process (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
wait_for() {  # wait_for FILE PATTERN SECONDS
    for _ in $(seq $(( $3 * 10 ))); do grep -q "$2" "$1" && return 0; sleep 0.1; done
    echo "bridge-scale: timed out waiting for '$2' in $1" >&2; tail -5 "$1" >&2; exit 1
}

"$ROOT/benchmarks/bin/machine-info.sh"
echo "mode:   host, synthetic IPVS table (no IPVS in this kernel), real engine + NIO poller + fake agent farm"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$OUT/secret"
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" addr add 10.77.0.1/16 dev lo

total=$(( WARMUP + MEASURE + 60 ))
ip netns exec "$NS" java -Xmx256m -cp "$JAR" io.lvsfeedback.bench.agents.FakeAgentFarm \
    port=3333 secret-file="$OUT/secret" duration=$total stats-every=30 workers="${FARM_WORKERS:-32}" >"$OUT/farm.log" 2>&1 &
farm_pid=$!
wait_for "$OUT/farm.log" listening 60
ip netns exec "$NS" java -Xmx256m ${BRIDGE_JAVA_OPTS:-} -cp "$JAR" io.lvsfeedback.bench.scale.BridgeScale \
    services="$SERVICES" per-service="$PER_SERVICE" warmup="$WARMUP" measure="$MEASURE" \
    secret-file="$OUT/secret" $BRIDGE_SET >"$OUT/bridge.log" 2>&1 &
bridge_pid=$!
hz=$(getconf CLK_TCK)
wait_for "$OUT/bridge.log" MEASURE-START $(( WARMUP + 120 ))
b0=$(cpu_ticks "$bridge_pid") f0=$(cpu_ticks "$farm_pid") t0=$(date +%s%N)
wait_for "$OUT/bridge.log" MEASURE-END $(( MEASURE + 120 ))
b1=$(cpu_ticks "$bridge_pid" 2>/dev/null || true) f1=$(cpu_ticks "$farm_pid") t1=$(date +%s%N)
wait "$bridge_pid" || true
bridge_pid=
grep '^bridge-scale:' "$OUT/bridge.log" | grep -v MEASURE
# The engine's share comes from the engine itself (its line above): this JVM may exit before b1 is read.
[ -n "$b1" ] || echo "cpu: the engine exited before /proc could be read again: see its own 'engine JVM CPU' line"
awk -v f=$((f1 - f0)) -v hz="$hz" -v ns=$((t1 - t0)) 'BEGIN {
    s = ns / 1e9
    printf "cpu: fake agent farm %.3f of one core\n", f / hz / s }'
echo "raw: $OUT"

#!/usr/bin/env bash
# Convergence at production-like rates (issue 12, W2's "half-way within 2 s" and the 200 ms pause),
# on the host, no IPVS needed: a network namespace of its own with three sample servers and their
# agents on 10.88.0.1-3, steady load sent to each directly, the real bridge over an in-memory table
# (ConvergenceBench). Needs root (ip netns); makes and removes namespace lvsfb-conv.
#
#   benchmarks/bin/convergence-host.sh [RESULTS_DIR]   (after mvn -q install -DskipTests and
#                                                       mvn -q -f benchmarks/pom.xml package)
#
# Settings (environment): RATE=50 (req/s to each server) BASE_MS=20 (request hold) FACTOR=5 STEPS=6
#   STEP_S=15 THREADS=16 (Jetty max threads) AGENT_EXTRA="" (k=v,...) BRIDGE_SET="" ("k=v k=v")
#   AGENT_JAR=agent/target/lvs-agent.jar (another build of the agent, e.g. a baseline)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$(mktemp -d /tmp/convergence.XXXXXX)}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
NS=lvsfb-conv
RATE=${RATE:-50} BASE_MS=${BASE_MS:-20} FACTOR=${FACTOR:-5} STEPS=${STEPS:-6} STEP_S=${STEP_S:-15} THREADS=${THREADS:-16}
SAMPLES=$ROOT/samples/target
JOPTS="-Xmx128m -XX:+UseSerialGC"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    sleep 1
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT
"$ROOT/benchmarks/bin/machine-info.sh" | tee "$OUT/machine.txt"
ip netns add "$NS"
ip -n "$NS" link set lo up
for i in 1 2 3; do ip -n "$NS" addr add "10.88.0.$i/32" dev lo; done
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$OUT/key"; chmod 600 "$OUT/key"
declare -A PID
for i in 1 2 3; do
    ip netns exec "$NS" java $JOPTS \
        "-javaagent:${AGENT_JAR:-$ROOT/agent/target/lvs-agent.jar}=network=off,bind=10.88.0.$i,port=3333,secret-file=$OUT/key${AGENT_EXTRA:+,$AGENT_EXTRA}" \
        -Dsample.name=rs$i -Dsample.host=10.88.0.$i -Dsample.port=8080 -Dsample.max-threads="$THREADS" \
        -cp "$SAMPLES/samples-0.1.0-SNAPSHOT.jar:$SAMPLES/lib/*" io.lvsfeedback.samples.app.Main >"$OUT/rs$i.log" 2>&1 &
    PID[$i]=$!; pids+=($!)
done
for i in 1 2 3; do
    for _ in $(seq 120); do ip netns exec "$NS" curl -fs -m 2 "http://10.88.0.$i:8080/" >/dev/null 2>&1 && break; sleep 0.5; done
done
bridge_args=()
for kv in ${BRIDGE_SET:-}; do bridge_args+=("bridge.$kv"); done
ip netns exec "$NS" java -Xmx256m -cp "$ROOT/benchmarks/target/lvs-benchmarks.jar" io.lvsfeedback.bench.convergence.ConvergenceBench \
    secret-file="$OUT/key" rate="$RATE" base-ms="$BASE_MS" factor="$FACTOR" steps="$STEPS" step-s="$STEP_S" \
    pause-pid="${PID[2]}" out="$OUT" "${bridge_args[@]}" 2>"$OUT/bench.err" | tee "$OUT/convergence.log"

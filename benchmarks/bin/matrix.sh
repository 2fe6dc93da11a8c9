#!/usr/bin/env bash
# The workload matrix of issue 12: does load-aware weighting beat what operators run today? One lab
# boot (QEMU/TCG, Debian's kernel with IPVS): the demo's LVS-DR cluster of namespaces, three Jetty
# sample servers with the agent, the director-bridge, an open-loop client; workloads W1..W5, each
# with the contenders wrr/wlc x equal/oracle/lvs-feedback interleaved over ROUNDS rounds; then
# MatrixReport writes summary.md and one SVG per workload into RESULTS_DIR.
#
#   flock /tmp/lvs-lab.lock benchmarks/bin/matrix.sh [RESULTS_DIR]     (from the project root, after
#       mvn -q -DskipTests package && mvn -q -f benchmarks/pom.xml package)
#
# Settings (environment; every one with its default in benchmarks/README.md): WORKLOADS="W1 W4 W2 W3 W5"
#   ROUNDS=3 PHASE=20 LEAD=10 GAP=3 TIMEOUT_MS=60000 BRIDGE_MODE=pause BRIDGE_SET="" AGENT_EXTRA=""
#   BRIDGE_JAR, AGENT_JAR, SAMPLES (other builds than this tree's), and the workloads' own (W1_HOLD_MS, ...).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RESULTS=${1:-$(mktemp -d /tmp/matrix.XXXXXX)}
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
echo "results: $RESULTS"
echo "host running the lab:"; "$ROOT/benchmarks/bin/machine-info.sh" | sed 's/^/  /'
cd "$ROOT"
# The guest reads the jars live from the host: private copies, so a rebuild meanwhile is harmless.
JARS=$ROOT/benchmarks/target/lab-run-$$
mkdir -p "$JARS/samples"
trap 'rm -rf "$JARS"' EXIT
cp benchmarks/target/lvs-benchmarks.jar "$JARS/"
cp "${BRIDGE_JAR:-director-bridge/target/director-bridge.jar}" "$JARS/director-bridge.jar"
cp "${AGENT_JAR:-agent/target/lvs-agent.jar}" "$JARS/lvs-agent.jar"
cp -r "${SAMPLES:-samples/target}/samples-0.1.0-SNAPSHOT.jar" "${SAMPLES:-samples/target}/lib" "$JARS/samples/"
settings=()
for v in WORKLOADS CONTENDERS ROUNDS PHASE LEAD GAP WARM HOLD_SCALE TIMEOUT_MS BRIDGE_MODE BRIDGE_SET AGENT_EXTRA ORACLE_LEVELS TIMELINE_S \
        RATE_PROBE PROBE_S W1_MAX_THREADS W1_HOLD_MS W1_LOAD W4_LOAD W4_PER_CONN W4_INTERVAL_MS EQ_MAX_THREADS RS1_HEAP \
        W2_HOLD_MS W2_FACTOR W2_LOAD STEP_S BACK_S PAUSE_WINDOW W3_HOLD_MS W3_ALLOC_MB W3_LOAD W5_HOLD_MS W5_CPU_MS \
        W5_LOAD W5_STEAL W5_CPU_QUOTA STEAL_PROCS STEAL_NICE CAL_S CONTROL_RATIO CONN_REUSE_MODE BRIDGE_BASE; do
    [ -n "${!v:-}" ] && settings+=("$v=${!v}")
done
start=$(date +%s)
status=0
LAB_RESULTS=$RESULTS lab/run-in-kernel --timeout "${LAB_TIMEOUT:-5400}" --mem 3072 \
    env "${settings[@]}" BENCH_JAR="$JARS/lvs-benchmarks.jar" BRIDGE_JAR="$JARS/director-bridge.jar" \
    AGENT_JAR="$JARS/lvs-agent.jar" SAMPLES="$JARS/samples" benchmarks/bin/matrix-guest.sh || status=$?
echo "lab run: $(( ($(date +%s) - start) / 60 )) min, status $status"
# The analysis again on the host (faster than the guest; also when the guest's one failed).
if [ -s "$RESULTS/phases.tsv" ]; then
    java -cp benchmarks/target/lvs-benchmarks.jar io.lvsfeedback.bench.matrix.MatrixReport "$RESULTS" \
        timeout-ms="${TIMEOUT_MS:-60000}" control-ratio="${CONTROL_RATIO:-0.8}" >/dev/null \
        && echo "summary: $RESULTS/summary.md"
fi
exit "$status"

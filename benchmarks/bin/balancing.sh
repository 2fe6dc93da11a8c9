#!/usr/bin/env bash
# Balancing quality (issue 7, item 3) and convergence (item 2): one lab boot (QEMU/TCG, Debian's
# kernel with IPVS) running the demo's LVS-DR cluster of namespaces with three Jetty real servers
# of capacities 1:2:4 (agent on each), the director-bridge, and an open-loop load from the client.
#
#   benchmarks/bin/balancing.sh [RESULTS_DIR]     (from the project root, after the builds:
#       mvn -B -q install -DskipTests && mvn -B -q -f benchmarks/pom.xml package)
#
# Settings (environment, see balancing-guest.sh): RATE (item 3: LOAD_SHARE=0.75 of the measured capacity; item 2: 5) PHASE=90 TAIL=30 WARM=30 GAP=40 UNIT_MS=1500
#   THREADS=8 STEPS=3 STEP_S=30 CPU_MS=20 ITEMS="3 2" ("3" or "2": that item alone)
#   AGENT_EXTRA="smoothing=3s" (more agent settings).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RESULTS=${1:-$(mktemp -d /tmp/balancing.XXXXXX)}
mkdir -p "$RESULTS"
echo "results: $RESULTS"
echo "host running the lab:"; "$ROOT/benchmarks/bin/machine-info.sh" | sed 's/^/  /'
cd "$ROOT"
# The guest reads the jars live from the host: private copies, so a rebuild meanwhile is harmless.
JARS=$ROOT/benchmarks/target/lab-run-$$
mkdir -p "$JARS"
trap 'rm -rf "$JARS"' EXIT
# BRIDGE_JAR / AGENT_JAR / SAMPLES (dir with samples-*.jar and lib/) pick other builds than this tree's.
cp benchmarks/target/lvs-benchmarks.jar "${BRIDGE_JAR:-director-bridge/target/director-bridge.jar}" \
    "${AGENT_JAR:-agent/target/lvs-agent.jar}" "$JARS/"
mkdir -p "$JARS/samples"
cp -r "${SAMPLES:-samples/target}/samples-0.1.0-SNAPSHOT.jar" "${SAMPLES:-samples/target}/lib" "$JARS/samples/"
settings=()
for v in RATE PHASE WARM GAP UNIT_MS THREADS STEPS STEP_S CPU_MS ITEMS LOAD_SHARE TAIL AGENT_EXTRA; do
    [ -n "${!v:-}" ] && settings+=("$v=${!v}")
done
LAB_RESULTS=$RESULTS lab/run-in-kernel --timeout "${LAB_TIMEOUT:-3000}" --mem 3072 \
    env "${settings[@]}" BENCH_JAR="$JARS/lvs-benchmarks.jar" BRIDGE_JAR="$JARS/director-bridge.jar" \
    AGENT_JAR="$JARS/lvs-agent.jar" SAMPLES="$JARS/samples" benchmarks/bin/balancing-guest.sh

#!/usr/bin/env bash
# Convergence, lvs-feedback now against a baseline build, interleaved rounds (A B A B ...), each a
# full convergence-host.sh run; the baseline is an older agent jar with the bridge's settings of that
# time (BASE_AGENT_JAR, BASE_BRIDGE_SET).
#
#   BASE_AGENT_JAR=/path/lvs-agent.jar benchmarks/bin/convergence-rounds.sh RESULTS_DIR
#
# Settings: ROUNDS=2, BASE_BRIDGE_SET="poll-interval=1s poll-timeout=800ms dead-band-percent=5
#   weight-levels=0" (the defaults before 2026-12-02), and convergence-host.sh's.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:?results dir}
ROUNDS=${ROUNDS:-2}
: "${BASE_AGENT_JAR:?the baseline agent jar}"
BASE_BRIDGE_SET=${BASE_BRIDGE_SET:-poll-interval=1s poll-timeout=800ms dead-band-percent=5 weight-levels=0}
mkdir -p "$OUT"
for r in $(seq "$ROUNDS"); do
    "$ROOT/benchmarks/bin/convergence-host.sh" "$OUT/now-$r" | tail -5
    AGENT_JAR=$BASE_AGENT_JAR BRIDGE_SET=$BASE_BRIDGE_SET "$ROOT/benchmarks/bin/convergence-host.sh" "$OUT/base-$r" | tail -5
done
echo "== half-way times (s), every step of every round"
for kind in now base; do
    printf '%s: ' "$kind"
    cat "$OUT"/$kind-*/convergence.log | sed -n 's/.*half-way after \([0-9.]*\) s.*/\1/p; s/.*half-way after never.*/never/p' | sort -g | tr '\n' ' '
    echo
done

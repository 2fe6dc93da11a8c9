#!/usr/bin/env bash
# Weight updates into the kernel (issue 7, item 1): one lab boot (QEMU/TCG, Debian's kernel with
# IPVS) that times full weight sweeps of 100 services x 100 destinations through the netlink
# client's batched applyWeights, through `ipvsadm -R`, and with one `ipvsadm -e` process per edit.
#
#   benchmarks/bin/weight-sweep.sh [RESULTS_DIR]      (from the project root, after the builds:
#       mvn -B -q install -DskipTests && mvn -B -q -f benchmarks/pom.xml package)
#
# Settings (environment): SERVICES=100 DESTS=100 REPEATS=3 PER_EDIT_SAMPLE=300,
#   NETLINK_JARS="label=benchmarks-jar ..." to compare builds of the netlink client in one boot
#   (jars outside /tmp: the guest has its own /tmp).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RESULTS=${1:-$(mktemp -d /tmp/weight-sweep.XXXXXX)}
mkdir -p "$RESULTS"
echo "results: $RESULTS"
echo "host running the lab:"; "$ROOT/benchmarks/bin/machine-info.sh" | sed 's/^/  /'
cd "$ROOT"
# The guest reads the jar live from the host: give it a private copy, so a rebuild meanwhile is harmless.
# (Not under /tmp: the guest's /tmp is its own.)
JAR_COPY=$ROOT/benchmarks/target/lab-run-$$
mkdir -p "$JAR_COPY"
cp benchmarks/target/lvs-benchmarks.jar "$JAR_COPY/"
trap 'rm -rf "$JAR_COPY"' EXIT
# Only LAB_* variables cross into the guest: the settings go through env on the command line.
LAB_RESULTS=$RESULTS lab/run-in-kernel --timeout "${LAB_TIMEOUT:-2400}" \
    env SERVICES="${SERVICES:-100}" DESTS="${DESTS:-100}" REPEATS="${REPEATS:-3}" \
    PER_EDIT_SAMPLE="${PER_EDIT_SAMPLE:-300}" BENCH_JAR="$JAR_COPY/lvs-benchmarks.jar" ${NETLINK_JARS:+NETLINK_JARS="$NETLINK_JARS"} \
    benchmarks/bin/weight-sweep-guest.sh
